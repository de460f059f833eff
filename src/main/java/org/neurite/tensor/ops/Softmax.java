package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** Softmax along one axis; backward is the Jacobian-vector product {@code y (g - sum(g y))}. */
public final class Softmax extends Op {
    private final int axis;
    private INDArray x;
    private long dim;

    public Softmax(int axis) {
        this.axis = axis;
    }

    @Override
    public INDArray forward(INDArray... in) {
        x = in[0];
        dim = Shapes.normalize(axis, x.rank());
        return Native.call("softmax", new INDArray[]{x}, new long[]{dim}, null, null)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{Native.call("softmax_bp", new INDArray[]{x, g}, new long[]{dim}, null, null)[0]};
    }
}
