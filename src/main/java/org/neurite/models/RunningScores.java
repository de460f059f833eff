package org.neurite.models;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.metrics.Metric;

/**
 * The running loss and metrics of an epoch or an evaluation, weighted by batch size and named as
 * Keras logs them: {@code loss} and the metric names; with several outputs also
 * {@code <output>_loss} and {@code <output>_<metric>} for each output layer.
 *
 * <p>The compiled metrics are templates: each {@code RunningScores} updates its own instances,
 * made with {@link Metric#fresh()}, so evaluations and epochs on several threads never share
 * running state. A metric that cannot be copied ({@code fresh()} returns itself) is used as it
 * is, claimed for the life of this object: a second claim on it, from any thread or model, fails
 * fast instead of silently mixing two computations' batches. Close it to release the claims.
 */
final class RunningScores implements AutoCloseable {
    /** Uncopyable metrics in use, each with the computation using it; guarded by its own lock. */
    private static final Map<Metric, String> CLAIMED = new IdentityHashMap<>();

    private final List<String> outputs;
    private final List<List<Metric>> metrics;
    private final List<Metric> claimed = new ArrayList<>();
    private final double[] outputLossSums;
    private double lossSum;
    private long seen;

    /**
     * Starts from nothing, with fresh metrics of the compiled kinds for {@code operation} (such
     * as {@code "evaluate"} or {@code "fit"}, named in the error when an uncopyable metric is busy).
     */
    RunningScores(Network model, Compiled compiled, String operation) {
        this.outputs = model.graph().outputs().stream().map(n -> n.layer().name()).toList();
        this.outputLossSums = new double[outputs.size()];
        List<List<Metric>> live = new ArrayList<>();
        try {
            for (List<Metric> templates : compiled.outputMetrics()) {
                List<Metric> own = new ArrayList<>(templates.size());
                for (Metric template : templates) {
                    own.add(instance(template, model.name() + "." + operation));
                }
                live.add(own);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.metrics = live;
    }

    private Metric instance(Metric template, String user) {
        Metric copy = template.fresh();
        if (copy != template && copy != null) {
            return copy;
        }
        synchronized (CLAIMED) {
            String holder = CLAIMED.get(template);
            if (holder != null) {
                throw new IllegalStateException(user + " (thread '" + Thread.currentThread().getName()
                        + "') cannot use metric '" + template.name() + "' while " + holder + " uses it: "
                        + template.getClass().getName() + " does not override Metric.fresh(), so both would "
                        + "share one running state; override fresh() to return a new instance, or run "
                        + "them one after the other");
            }
            CLAIMED.put(template, user + " (thread '" + Thread.currentThread().getName() + "')");
        }
        claimed.add(template);
        template.reset();
        return template;
    }

    /** Adds one batch of {@code size} examples; call it inside the batch's memory scope. */
    void add(LossStep.Result result, List<INDArray> targets, long size) {
        lossSum += result.loss().item() * size;
        if (outputs.size() > 1) {
            for (int j = 0; j < outputs.size(); j++) {
                outputLossSums[j] += result.outputLoss(j).item() * size;
            }
        }
        for (int j = 0; j < outputs.size(); j++) {
            for (Metric m : metrics.get(j)) {
                m.update(targets.get(j), result.predictions(j));
            }
        }
        seen += size;
    }

    /** Adds one batch computed elsewhere (a distributed step): its mean loss and outputs. */
    void add(double loss, List<INDArray> targets, List<INDArray> predictions, long size) {
        lossSum += loss * size;
        for (int j = 0; j < outputs.size(); j++) {
            for (Metric m : metrics.get(j)) {
                m.update(targets.get(j), predictions.get(j));
            }
        }
        seen += size;
    }

    /** The loss of the last batch added alone is not kept; these are the means so far. */
    Map<String, Double> logs() {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / seen);
        boolean several = outputs.size() > 1;
        if (several) {
            for (int j = 0; j < outputs.size(); j++) {
                out.put(outputs.get(j) + "_loss", outputLossSums[j] / seen);
            }
        }
        for (int j = 0; j < outputs.size(); j++) {
            for (Metric m : metrics.get(j)) {
                out.put(several ? outputs.get(j) + "_" + m.name() : m.name(), m.result());
            }
        }
        return out;
    }

    /** Releases the uncopyable metrics this object claimed; the fresh ones are simply dropped. */
    @Override
    public void close() {
        if (claimed.isEmpty()) {
            return;
        }
        synchronized (CLAIMED) {
            claimed.forEach(CLAIMED::remove);
        }
        claimed.clear();
    }
}
