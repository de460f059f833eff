package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.Op;

/** {@code |x|}; d/dx = sign(x) (0 at 0). */
public final class Abs extends Op {

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Transforms.abs(x, true);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.mul(Transforms.sign(x, true))};
    }

    @Override
    public void release() {
        x = null;
        out = null;
    }
}
