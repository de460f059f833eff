package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Joins arrays along one axis; all other sizes and the data type must match. Backward hands each
 * input its slice of the gradient (a view along axis 0, a contiguous copy along other axes).
 */
public final class Concat extends Op {
    private final int axis;
    private int dim;
    private long[] sizes;

    public Concat(int axis) {
        this.axis = axis;
    }

    @Override
    public INDArray forward(INDArray... in) {
        if (in.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one input");
        }
        INDArray first = in[0];
        if (first.rank() == 0) {
            throw new IllegalArgumentException("concat: cannot concatenate scalars");
        }
        dim = Shapes.normalize(axis, first.rank());
        sizes = new long[in.length];
        for (int i = 0; i < in.length; i++) {
            check(in, i);
            sizes[i] = in[i].size(dim);
        }
        return Native.call("concat", in, new long[]{dim}, null, null)[0];
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        INDArray[] grads = new INDArray[sizes.length];
        INDArrayIndex[] index = new INDArrayIndex[g.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        long start = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (needs[i]) {
                index[dim] = NDArrayIndex.interval(start, start + sizes[i]);
                INDArray part = g.get(index);
                grads[i] = dim == 0 ? part : part.dup('c');
            }
            start += sizes[i];
        }
        return grads;
    }

    private void check(INDArray[] in, int i) {
        INDArray a = in[i];
        long[] expected = in[0].shape();
        boolean ok = a.rank() == expected.length && a.dataType() == in[0].dataType();
        for (int d = 0; ok && d < expected.length; d++) {
            ok = d == dim || a.size(d) == expected[d];
        }
        if (!ok) {
            throw new IllegalArgumentException("concat: input " + i + " is " + a.dataType()
                    + Arrays.toString(a.shape()) + " but input 0 is " + in[0].dataType() + Arrays.toString(expected)
                    + "; all must match except along axis " + dim);
        }
    }
}
