package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.Op;

/** Square root; d/dx = 1/(2 sqrt(x)). */
public final class Sqrt extends Op {

    private INDArray x;
    private INDArray out;

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        out = Transforms.sqrt(x, true);
        return out;
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.div(out).muli(0.5)};
    }

    @Override
    public void release() {
        x = null;
        out = null;
    }
}
