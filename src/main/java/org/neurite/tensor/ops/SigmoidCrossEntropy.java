package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Fused sigmoid + binary cross-entropy on logits, reduced to the (weighted) mean over elements.
 *
 * <p>Inputs: logits {@code z} of shape {@code [N, ...]} and targets {@code y} of the same shape.
 * With {@code E} elements in all and the weight {@code w_i} of the element's example:
 * <pre>
 *   forward  L = sum w_i * (max(z, 0) - z * y + log(1 + exp(-|z|))) / E
 *   backward dL/dz = w_i * (sigmoid(z) - y) / E
 *            dL/dy = -w_i * z / E
 * </pre>
 * The forward form never exponentiates a positive number, so logits of any size give finite
 * values. Apply it with {@code Tensor.apply(new SigmoidCrossEntropy(weights), logits, targets)}.
 */
public final class SigmoidCrossEntropy extends Op {
    private final INDArray weights;
    private INDArray z;
    private INDArray y;
    private INDArray elementWeights;

    /** @param weights per-example weights of shape {@code [N]}, or null for none */
    public SigmoidCrossEntropy(INDArray weights) {
        this.weights = weights;
    }

    @Override
    public INDArray forward(INDArray... in) {
        z = in[0];
        y = in[1];
        if (weights == null) {
            // one libnd4j kernel: max(z,0) - z y + log(1 + exp(-|z|)), averaged over all elements
            return Native.call("sigm_cross_entropy_loss", new INDArray[]{z, SoftmaxCrossEntropy.unitWeight(z), y},
                    new long[]{2}, new double[]{0.0}, null)[0];
        }
        INDArray softTail = Native.log1p(Native.exp(Native.abs(z, true).negi(), false), false);
        INDArray loss = Native.relu(z, true).subi(Native.call("multiply", z, y)[0]).addi(softTail);
        elementWeights = FusedWeights.broadcastable(weights, z);
        if (elementWeights != null) {
            loss = Native.call("multiply", loss, elementWeights)[0];
        }
        return loss.sum().divi(z.length());
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        if (weights == null) {
            // one kernel for both gradients: (sigmoid(z) - y) / E and -z / E
            INDArray[] grads = Native.call("sigm_cross_entropy_loss_grad",
                    new INDArray[]{z, SoftmaxCrossEntropy.unitWeight(z), y}, new long[]{2}, new double[]{0.0}, null);
            double upstream = g.getDouble(0);
            INDArray dz = needs[0] ? FusedWeights.scale(grads[0], null, upstream) : null;
            INDArray dy = needs.length > 1 && needs[1] ? FusedWeights.scale(grads[2], null, upstream) : null;
            return new INDArray[]{dz, dy};
        }
        double scale = g.getDouble(0) / z.length();
        INDArray dz = null;
        INDArray dy = null;
        if (needs[0]) {
            dz = FusedWeights.scale(Native.sigmoid(z, true).subi(y), elementWeights, scale);
        }
        if (needs.length > 1 && needs[1]) {
            dy = FusedWeights.scale(z.neg(), elementWeights, scale);
        }
        return new INDArray[]{dz, dy};
    }
}
