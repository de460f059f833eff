package org.neurite.spark;

import java.io.Serializable;

import org.apache.spark.broadcast.Broadcast;

/**
 * What every task of one fit carries: the run's id (the key of the executors' cached replicas
 * and shards), the data layout, the model file (shipped once, as a broadcast) and the test hook.
 */
record RunContext(String runId, Layout layout, Broadcast<byte[]> modelFile, FaultHook hook) implements Serializable {
}
