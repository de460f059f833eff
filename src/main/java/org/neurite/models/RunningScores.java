package org.neurite.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.metrics.Metric;

/**
 * The running loss and metrics of an epoch or an evaluation, weighted by batch size and named as
 * Keras logs them: {@code loss} and the metric names; with several outputs also
 * {@code <output>_loss} and {@code <output>_<metric>} for each output layer.
 */
final class RunningScores {
    private final Model.Compiled compiled;
    private final List<String> outputs;
    private final double[] outputLossSums;
    private double lossSum;
    private long seen;

    /** Starts from nothing: the compiled metrics are reset. */
    RunningScores(Model model, Model.Compiled compiled) {
        this.compiled = compiled;
        this.outputs = model.graph().outputs().stream().map(n -> n.layer().name()).toList();
        this.outputLossSums = new double[outputs.size()];
        compiled.outputMetrics().forEach(metrics -> metrics.forEach(Metric::reset));
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
            for (Metric m : compiled.outputMetrics().get(j)) {
                m.update(targets.get(j), result.predictions(j));
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
            for (Metric m : compiled.outputMetrics().get(j)) {
                out.put(several ? outputs.get(j) + "_" + m.name() : m.name(), m.result());
            }
        }
        return out;
    }
}
