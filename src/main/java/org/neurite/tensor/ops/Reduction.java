package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/** Shared state of the reductions: which axes (null = all) and whether they are kept. */
abstract class Reduction extends Op {
    private final int[] requestedAxes;
    protected final boolean keepDims;
    protected int[] axes;
    protected long[] inputShape;

    Reduction(int[] axes, boolean keepDims) {
        this.requestedAxes = axes == null || axes.length == 0 ? null : axes.clone();
        this.keepDims = keepDims;
    }

    /** Normalises the axes against {@code x} and remembers its shape. */
    protected void bind(INDArray x) {
        inputShape = x.shape();
        axes = requestedAxes == null ? null : Shapes.normalize(requestedAxes, x.rank());
    }

    /** Runs the reduction over the bound axes (all when none were given). */
    protected INDArray reduce(INDArray x, Kind kind) {
        // libnd4j's reduce ops through Native: a cached context and a reused output per step
        return Native.reduce(kind.name().toLowerCase(java.util.Locale.ROOT), x, keepDims, dims());
    }

    /** The bound axes, or every axis of the input when none were given. */
    protected int[] dims() {
        return axes == null ? allAxes(inputShape.length) : axes;
    }

    private static int[] allAxes(int rank) {
        int[] all = new int[rank];
        for (int i = 0; i < rank; i++) {
            all[i] = i;
        }
        return all;
    }

    protected enum Kind { SUM, MEAN, MAX }
}
