package org.neurite.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.models.DistributedFit;
import org.neurite.models.Replica;

/**
 * One round of {@code PARAMETER_AVERAGING} training (as DL4J's Spark training does it): the
 * driver's weights and optimizer state go out as a broadcast, every worker trains its local
 * batches of {@code frequency} steps on its own, and the driver sets the model to the average of
 * the workers' weights and optimizer states, each weighted by the examples it trained on. Per
 * round each worker receives and sends the weights and the optimizer's slots (Adam: 3 x 4 bytes
 * per parameter each way), once per {@code frequency} local steps.
 */
final class AveragingRound {
    private AveragingRound() {
    }

    /** The state every worker starts a round from. */
    record Start(Floats weights, Map<String, Floats> state, long iterations) implements Serializable {
    }

    /** Runs local steps {@code [first, last)} of {@code epoch} on every worker and averages. */
    static void run(JavaSparkContext spark, JavaRDD<Example> shards, RunContext run, Replica driver, int epoch,
                    int first, int last, long driverStep, DistributedFit.Scores scores) {
        Broadcast<Start> start = spark.broadcast(new Start(Floats.of(driver.parameters()),
                floats(driver.optimizerState()), driver.optimizerIterations()));
        try {
            StepReport total = shards
                    .mapPartitionsWithIndex((p, rows) -> task(run, start.value(), epoch, first, last, driverStep, p, rows),
                            true)
                    .treeAggregate(new StepReport(), StepReport::merge, StepReport::merge);
            Floats weights = total.vector;
            scale(weights, 1 / total.weight).copyInto(driver.parameters());
            Map<String, INDArray> state = new LinkedHashMap<>();
            total.state.forEach((key, sum) -> state.put(key, scale(sum, 1 / total.weight).toArray()));
            driver.loadOptimizerState(state, total.iterations);
            total.reportTo(scores);
        } finally {
            start.destroy();
        }
    }

    private static Iterator<StepReport> task(RunContext run, Start start, int epoch, int first, int last,
                                             long driverStep, int partition, Iterator<Example> rows) {
        Workers.Worker worker = Workers.get(run, partition, driverStep, rows);
        Replica replica = worker.replica();
        start.weights().copyInto(replica.parameters());
        Map<String, INDArray> state = new LinkedHashMap<>();
        start.state().forEach((key, value) -> state.put(key, value.toArray()));
        replica.loadOptimizerState(state, start.iterations());   // also resets a retried attempt's state
        StepReport report = new StepReport();
        long seen = 0;
        for (int step = first; step < last; step++) {
            INDArray[] batch = worker.shard().batch(epoch, step);
            if (batch == null) {
                continue;
            }
            long n = batch[0].size(0);
            Replica.Shard shard = replica.train(List.of(batch[0]), List.of(batch[1]));
            report.batches.add(new StepReport.BatchScore(step, partition, shard.loss(), n, Floats.of(batch[1]),
                    Floats.of(shard.predictions())));
            shard.predictions().close();
            seen += n;
        }
        if (seen > 0) {   // a worker without rows in this round has nothing to average in
            double weight = seen;
            report.weight = weight;
            report.vector = scale(Floats.of(replica.parameters()), weight);
            floats(replica.optimizerState()).forEach((key, value) -> report.state.put(key, scale(value, weight)));
            report.iterations = replica.optimizerIterations();
        }
        return List.of(report).iterator();
    }

    private static Map<String, Floats> floats(Map<String, INDArray> state) {
        Map<String, Floats> out = new LinkedHashMap<>();
        state.forEach((key, value) -> {
            out.put(key, Floats.of(value));
            value.close();   // a copy made for us
        });
        return out;
    }

    private static Floats scale(Floats f, double factor) {
        float[] v = f.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * factor);
        }
        return f;
    }
}
