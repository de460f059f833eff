package org.neurite.spark;

import java.io.Serializable;

/** Called at the start of every task, before it trains: tests inject failures here to see them retried. */
interface FaultHook extends Serializable {
    FaultHook NONE = (partition, step, attempt) -> { };

    /** @param step the driver step (epoch * steps per epoch + step), @param attempt Spark's attempt number */
    void beforeTask(int partition, long step, int attempt);
}
