package org.neurite.spark;

import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.models.DistributedFit;
import org.neurite.models.Replica;

/**
 * One step of {@code SYNCHRONOUS} training: the driver's weights go out as a broadcast, every
 * worker computes the gradient of its slice of the global batch, weighted by its share of the
 * batch's examples, Spark's {@code treeAggregate} sums them, and the driver applies one optimizer
 * update. The sum is the whole batch's gradient, so the result is single-machine training with
 * the same global batch. Per step each worker receives the weights and sends one gradient: 4
 * bytes per parameter each way.
 */
final class SyncStep {
    private SyncStep() {
    }

    static void run(JavaSparkContext spark, JavaRDD<Example> shards, RunContext run, Replica driver, int epoch,
                    int step, long driverStep, DistributedFit.Scores scores) {
        Broadcast<Floats> weights = spark.broadcast(Floats.of(driver.parameters()));
        try {
            StepReport total = shards
                    .mapPartitionsWithIndex((p, rows) -> task(run, weights.value(), epoch, step, driverStep, p, rows), true)
                    .treeAggregate(new StepReport(), StepReport::merge, StepReport::merge);
            total.vector.copyInto(driver.gradients());
            driver.update();
            total.reportTo(scores);
        } finally {
            weights.destroy();
        }
    }

    private static Iterator<StepReport> task(RunContext run, Floats weights, int epoch, int step, long driverStep,
                                             int partition, Iterator<Example> rows) {
        Workers.Worker worker = Workers.get(run, partition, driverStep, rows);
        StepReport report = new StepReport();
        INDArray[] batch = worker.shard().batch(epoch, step);
        if (batch != null) {
            Replica replica = worker.replica();
            weights.copyInto(replica.parameters());
            long n = batch[0].size(0);
            Replica.Shard shard = replica.backward(List.of(batch[0]), List.of(batch[1]),
                    (double) n / run.layout().globalBatch(step));
            report.vector = Floats.of(replica.gradients());
            report.batches.add(new StepReport.BatchScore(step, partition, shard.loss(), n, Floats.of(batch[1]),
                    Floats.of(shard.predictions())));
            shard.predictions().close();
        }
        return List.of(report).iterator();
    }
}
