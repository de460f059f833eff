package org.neurite.models;

import java.util.ArrayList;
import java.util.List;

import org.neurite.losses.Loss;
import org.neurite.metrics.Metric;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Optimizer;

/**
 * A model's compiled optimizer, loss and metrics; {@code outputMetrics} holds each output's own
 * metric objects ({@code metrics} for the first output, fresh ones of the same kinds for the others).
 */
record Compiled(Optimizer optimizer, Loss loss, List<Metric> metrics, List<List<Metric>> outputMetrics) {

    /** The configuration for a model with the named outputs, metrics resolved for {@code loss}. */
    static Compiled of(String model, Optimizer optimizer, Loss loss, List<String> outputs, Metric... metrics) {
        List<Metric> resolved = new ArrayList<>();
        for (Metric metric : metrics) {
            resolved.add(Metrics.resolve(metric, loss));
        }
        List<List<Metric>> perOutput = new ArrayList<>();
        perOutput.add(List.copyOf(resolved));
        for (int j = 1; j < outputs.size(); j++) {
            perOutput.add(copies(model, resolved, loss, outputs.get(j)));
        }
        return new Compiled(optimizer, loss, List.copyOf(resolved), List.copyOf(perOutput));
    }

    /**
     * Fresh metrics of the same kinds for another output (a metric keeps running state, so each
     * output needs its own), as Keras applies a flat metric list to every output: each metric's
     * {@link Metric#fresh()}, or for one that cannot copy itself a new one of the same name.
     */
    private static List<Metric> copies(String model, List<Metric> metrics, Loss loss, String output) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : metrics) {
            Metric copy = m.fresh();
            if (copy != null && copy != m) {
                out.add(copy);
                continue;
            }
            try {
                copy = Metrics.resolve(m.name(), loss);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model + ": metric '" + m.name() + "' cannot be made again by name for "
                        + "output '" + output + "' (a model with several outputs computes each metric on each); "
                        + "compile with metric names, or give the model one output", e);
            }
            if (copy == m) {
                throw new IllegalArgumentException(model + ": metric '" + m.name() + "' is one shared object, so it "
                        + "cannot be computed on each of the model's outputs; compile with metric names");
            }
            out.add(copy);
        }
        return out;
    }
}
