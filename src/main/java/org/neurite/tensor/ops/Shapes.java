package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/** Shape helpers shared by the op classes: broadcast reduction and axis normalisation. */
public final class Shapes {
    private Shapes() {
    }

    /**
     * Sums a broadcast gradient back to {@code shape}: over the leading axes that broadcasting
     * added and over every axis where {@code shape} has size 1 (NumPy rules).
     */
    public static INDArray reduceTo(INDArray grad, long[] shape) {
        if (Arrays.equals(grad.shape(), shape)) {
            return grad;
        }
        int extra = grad.rank() - shape.length;
        int[] axes = new int[grad.rank()];
        int n = 0;
        for (int i = 0; i < grad.rank(); i++) {
            long target = i < extra ? 1 : shape[i - extra];
            if (target == 1 && grad.size(i) != 1) {
                axes[n++] = i;
            }
        }
        INDArray summed = n == 0 ? grad : grad.sum(true, Arrays.copyOf(axes, n));
        return summed.reshape('c', shape);
    }

    /** Axes with negative values counted from the end, checked against {@code rank}. */
    public static int[] normalize(int[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException("axis " + axes[i] + " is out of range for rank " + rank);
            }
            out[i] = a;
        }
        return out;
    }

    public static int normalize(int axis, int rank) {
        return normalize(new int[]{axis}, rank)[0];
    }

    /** {@code shape} with each reduced axis set to 1 (the keep-dims shape of a reduction). */
    public static long[] keptShape(long[] shape, int[] axes) {
        long[] kept = shape.clone();
        if (axes == null) {
            Arrays.fill(kept, 1);
        } else {
            for (int a : axes) {
                kept[a] = 1;
            }
        }
        return kept;
    }

    /**
     * Broadcasts the gradient of a reduction back over the reduced axes: {@code g} has the
     * reduction's output shape, the result has {@code inputShape}.
     */
    public static INDArray expand(INDArray g, long[] inputShape, int[] axes) {
        INDArray kept = g.reshape('c', keptShape(inputShape, axes));
        INDArray out = Allocator.zeros(g.dataType(), inputShape);
        return Native.into("add", new INDArray[]{out, kept}, new INDArray[]{out}, null, null, null)[0];
    }

    /** Number of elements folded into each output of a reduction. */
    public static long reducedCount(long[] inputShape, int[] axes) {
        long n = 1;
        if (axes == null) {
            for (long d : inputShape) {
                n *= d;
            }
        } else {
            for (int a : axes) {
                n *= inputShape[a];
            }
        }
        return n;
    }
}
