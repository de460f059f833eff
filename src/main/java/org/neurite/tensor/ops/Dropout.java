package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Inverted dropout: each element is zeroed with probability {@code rate} and the survivors are
 * scaled by {@code 1/(1-rate)}, so the expected value is unchanged. The mask is drawn from
 * {@code Nd4j.getRandom()} (seed it for reproducible masks) and kept for backward, which
 * multiplies the gradient by the same mask.
 */
public final class Dropout extends Op {
    private final double rate;
    private INDArray mask;

    /** {@code rate}: the fraction dropped, in {@code [0, 1)}. */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    @Override
    public INDArray forward(INDArray... in) {
        INDArray x = in[0];
        mask = Allocator.empty(x.dataType(), x.shape()).assign(1);
        // DropOutInverted takes the RETAIN probability and writes {0, 1/keep} in place
        Native.legacy(new DropOutInverted(mask, 1 - rate));
        return x.mul(mask);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.mul(mask)};
    }
}
