package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Op;

/** Elements {@code [start, end)} along one axis; backward scatters the gradient into zeros. */
public final class Slice extends Op {
    private final int axis;
    private final long start;
    private final long end;
    private long[] inputShape;
    private INDArrayIndex[] index;

    public Slice(int axis, long start, long end) {
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    @Override
    public INDArray forward(INDArray... in) {
        INDArray x = in[0];
        int a = Shapes.normalize(axis, x.rank());
        if (start < 0 || end > x.size(a) || start >= end) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") is out of range for axis "
                    + axis + " of shape " + Arrays.toString(x.shape()));
        }
        inputShape = x.shape();
        index = new INDArrayIndex[x.rank()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i == a ? NDArrayIndex.interval(start, end) : NDArrayIndex.all();
        }
        return x.get(index).dup('c');
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray dx = Allocator.zeros(g.dataType(), inputShape);
        dx.get(index).assign(g);
        return new INDArray[]{dx};
    }
}
