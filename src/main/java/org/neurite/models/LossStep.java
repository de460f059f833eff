package org.neurite.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.layers.ActivatedLayer;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;
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

    static Result compute(Model model, Loss loss, List<INDArray> x, INDArray y, INDArray sampleWeight, boolean training) {
        Graph graph = model.graph();
        Node output = graph.outputs().get(0);
        boolean fused = fusable(output.layer(), loss);
        List<Tensor> inputs = new ArrayList<>(x.size());
        x.forEach(a -> inputs.add(Tensor.constant(a)));
        Tensor target = Tensor.constant(y);
        Tensor out = graph.forward(inputs, training, new boolean[]{fused}).get(0);
        Tensor dataLoss;
        Supplier<INDArray> predictions;
        if (fused) {
            ActivatedLayer activated = (ActivatedLayer) output.layer();
            dataLoss = loss.withFromLogits(true).compute(target, out, sampleWeight);
            Tensor detached = out.detach();
            predictions = () -> {
                try (var ignored = Tensor.noGrad()) {
                    return activated.activation().apply(detached).value();
                }
            };
        } else {
            dataLoss = loss.compute(target, out, sampleWeight);
            INDArray value = out.value();
            predictions = () -> value;
        }
        Tensor total = dataLoss;
        for (Layer layer : graph.layers()) {
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
