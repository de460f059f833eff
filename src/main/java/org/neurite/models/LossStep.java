package org.neurite.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.Neurite;
import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;
import org.neurite.losses.Loss;
import org.neurite.tensor.Tensor;

/**
 * The forward pass and loss of one batch. When an output layer's activation has a from-logits
 * form of the loss ({@link Loss#onLogitsOf}: softmax or sigmoid with the matching cross-entropy on
 * probabilities) and the fast paths are on, the loss is computed from the logits instead: the same
 * value, but stable for extreme logits and with a cheaper gradient.
 */
final class LossStep {

    private LossStep() {
    }

    /** The scalar loss (with regularisation), each output's loss and the model's outputs for the batch. */
    static final class Result {
        private final Tensor loss;
        private final List<Tensor> outputLosses;
        private final List<Supplier<INDArray>> outputs;
        private final INDArray[] predictions;

        Result(Tensor loss, List<Tensor> outputLosses, List<Supplier<INDArray>> outputs) {
            this.loss = loss;
            this.outputLosses = outputLosses;
            this.outputs = outputs;
            this.predictions = new INDArray[outputs.size()];
        }

        Tensor loss() {
            return loss;
        }

        /** The loss of output {@code j} alone (without regularisation). */
        Tensor outputLoss(int j) {
            return outputLosses.get(j);
        }

        /** The model's (first) output; on the fused path computed on first use (only metrics need it). */
        INDArray predictions() {
            return predictions(0);
        }

        /** Output {@code j} of the model, computed on first use on the fused path. */
        INDArray predictions(int j) {
            if (predictions[j] == null) {
                predictions[j] = outputs.get(j).get();
            }
            return predictions[j];
        }
    }

    /**
     * The loss of a batch: the compiled loss on each output against its label array, summed (as
     * Keras does for a model with several outputs and one loss), plus every layer's penalty.
     */
    static Result compute(Network model, Loss loss, List<INDArray> x, List<INDArray> y, INDArray sampleWeight,
                          boolean training) {
        Graph graph = model.graph();
        List<Node> outputNodes = graph.outputs();
        Loss[] onLogits = new Loss[outputNodes.size()];
        boolean[] fused = new boolean[onLogits.length];
        for (int j = 0; j < fused.length; j++) {
            onLogits[j] = Neurite.fastPaths() ? onLogits(outputNodes.get(j).layer(), loss) : null;
            fused[j] = onLogits[j] != null;
        }
        List<Tensor> inputs = new ArrayList<>(x.size());
        x.forEach(a -> inputs.add(Tensor.constant(a)));
        List<Tensor> outs = graph.forward(inputs, training, fused);
        List<Tensor> losses = new ArrayList<>(outs.size());
        List<Supplier<INDArray>> predictions = new ArrayList<>(outs.size());
        Tensor total = null;
        for (int j = 0; j < outs.size(); j++) {
            Tensor out = outs.get(j);
            Tensor target = Tensor.constant(y.get(j));
            Tensor dataLoss;
            if (fused[j]) {
                ActivatedLayer activated = (ActivatedLayer) outputNodes.get(j).layer();
                dataLoss = onLogits[j].compute(target, out, sampleWeight);
                Tensor detached = out.detach();
                predictions.add(() -> {
                    try (var ignored = Tensor.noGrad()) {
                        return activated.activation().apply(detached).value();
                    }
                });
            } else {
                dataLoss = loss.compute(target, out, sampleWeight);
                INDArray value = out.value();
                predictions.add(() -> value);
            }
            losses.add(dataLoss);
            total = total == null ? dataLoss : total.add(dataLoss);
        }
        for (Layer layer : graph.layers()) {
            Tensor penalty = layer.regularizationLoss();
            if (penalty != null) {
                total = total.add(penalty);
            }
        }
        return new Result(total, losses, predictions);
    }

    /** The loss computed from the logits of {@code last}'s activation, or null when there is none. */
    static Loss onLogits(Layer last, Loss loss) {
        return last instanceof ActivatedLayer activated ? loss.onLogitsOf(activated.activation()) : null;
    }
}
