package org.neurite.models;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Layer;
import org.neurite.losses.Loss;
import org.neurite.tensor.Tensor;

/**
 * The forward pass and loss of one batch. When the model ends in softmax (or sigmoid) and the
 * loss is the matching cross-entropy on probabilities, the loss is computed from the logits
 * instead: the same value, but stable for extreme logits and with a cheaper gradient.
 */
final class LossStep {
    private static final Set<String> SOFTMAX_LOSSES =
            Set.of("categorical_crossentropy", "sparse_categorical_crossentropy");

    private LossStep() {
    }

    /** The scalar loss (with regularisation) and the model's outputs for the batch. */
    static final class Result {
        private final Tensor loss;
        private final Tensor dataLoss;
        private final Supplier<INDArray> outputs;
        private INDArray predictions;

        Result(Tensor loss, Tensor dataLoss, Supplier<INDArray> outputs) {
            this.loss = loss;
            this.dataLoss = dataLoss;
            this.outputs = outputs;
        }

        Tensor loss() {
            return loss;
        }

        Tensor dataLoss() {
            return dataLoss;
        }

        /** The model's outputs; on the fused path computed on first use (only metrics need them). */
        INDArray predictions() {
            if (predictions == null) {
                predictions = outputs.get();
            }
            return predictions;
        }
    }

    static Result compute(Sequential model, Loss loss, INDArray x, INDArray y, INDArray sampleWeight, boolean training) {
        List<Layer> layers = model.layers();
        Layer last = layers.get(layers.size() - 1);
        Tensor input = Tensor.constant(x);
        Tensor target = Tensor.constant(y);
        Tensor hidden = model.forward(input, training, layers.size() - 1);
        Tensor dataLoss;
        Supplier<INDArray> predictions;
        if (fusable(last, loss)) {
            ActivatedLayer activated = (ActivatedLayer) last;
            Tensor logits = activated.forwardLinear(hidden, training);
            dataLoss = loss.withFromLogits(true).compute(target, logits, sampleWeight);
            Tensor detached = logits.detach();
            predictions = () -> {
                try (var ignored = Tensor.noGrad()) {
                    return activated.activation().apply(detached).value();
                }
            };
        } else {
            Tensor out = last.forward(hidden, training);
            dataLoss = loss.compute(target, out, sampleWeight);
            INDArray value = out.value();
            predictions = () -> value;
        }
        Tensor total = dataLoss;
        for (Layer layer : layers) {
            Tensor penalty = layer.regularizationLoss();
            if (penalty != null) {
                total = total.add(penalty);
            }
        }
        return new Result(total, dataLoss, predictions);
    }

    static boolean fusable(Layer last, Loss loss) {
        if (!(last instanceof ActivatedLayer) || loss.fromLogits()) {
            return false;
        }
        String activation = ((ActivatedLayer) last).activation().name();
        return activation.equals("softmax") && SOFTMAX_LOSSES.contains(loss.name())
                || activation.equals("sigmoid") && loss.name().equals("binary_crossentropy");
    }
}
