package org.neurite.spark;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.TaskContext;
import org.neurite.models.Model;
import org.neurite.models.Replica;

/**
 * What an executor keeps between the steps of a fit: per partition, the model loaded once from
 * the shipped file and the partition's rows as arrays. A task that finds nothing here (the first
 * step, or a retry on another executor) builds both from the broadcast and its partition's rows,
 * so every task is a pure function of what it is sent.
 */
final class Workers {
    /** Key: run id + "/" + partition. Each partition runs one task at a time, so one replica each. */
    private static final Map<String, Worker> LIVE = new ConcurrentHashMap<>();

    private Workers() {
    }

    record Worker(Replica replica, Shard shard) {
    }

    /** The worker of {@code partition} in {@code run}; calls the run's fault hook first. */
    static Worker get(RunContext run, int partition, long driverStep, Iterator<Example> rows) {
        TaskContext task = TaskContext.get();
        run.hook().beforeTask(partition, driverStep, task == null ? 0 : task.attemptNumber());
        return LIVE.computeIfAbsent(run.runId() + "/" + partition, key -> {
            Model model = ModelBytes.load(run.modelFile().value(), "partition " + partition);
            return new Worker(Replica.of(model), Shard.of(rows, run.layout(), partition));
        });
    }

    /** Drops everything of {@code runId} on this JVM (the end of a fit). */
    static void forget(String runId) {
        LIVE.keySet().removeIf(key -> key.startsWith(runId + "/"));
    }
}
