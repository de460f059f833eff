package org.neurite.data;

import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Native;

/**
 * Row selection for datasets. Every array made here lives outside all ND4J workspaces, so a
 * dataset or a prefetched batch survives the per-step workspace a training loop opens and closes.
 */
public final class Rows {
    private Rows() {
    }

    /**
     * The rows {@code rows} of {@code x} (first dimension) as a new array, in that order. A run of
     * consecutive rows of a plain array is one interval copy; anything else, a view included, goes
     * through the native gather, which reads any strides and offset (an interval taken from a view
     * can come back empty in ND4J 1.0.0-M2.1).
     */
    public static INDArray gather(INDArray x, int[] rows) {
        if (x == null) {
            return null;
        }
        return detached(() -> {
            if (rows.length > 0 && Indices.isRun(rows) && plain(x)) {
                return x.get(NDArrayIndex.interval(rows[0], rows[0] + rows.length)).dup('c');
            }
            INDArray ids = Nd4j.createFromArray(rows);
            INDArray out = Native.call("gather", new INDArray[] {x, ids}, new long[] {0}, null, null)[0];
            ids.close();
            return out;
        });
    }

    /** Runs {@code make} with every workspace of this thread suspended. */
    public static <T> T detached(Supplier<T> make) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }

    /**
     * {@code x} itself when it is a plain array outside every workspace (the usual case: no copy);
     * otherwise a copy outside all workspaces, which is also 'c'-ordered and contiguous when
     * {@code x} is a view (columns or rows of a larger array), 'f'-ordered or has other strides.
     * Datasets hold only such plain arrays, so a batch of consecutive rows is one interval copy
     * and a view gives exactly the results of its contiguous copy.
     */
    public static INDArray detach(INDArray x) {
        if (x == null) {
            return null;
        }
        if (!x.isEmpty() && !plain(x)) {
            return detached(() -> x.dup('c'));
        }
        return x.isAttached() ? detached(x::detach) : x;
    }

    /**
     * Whether {@code x} owns its buffer from the start in 'c' order with the default strides: no
     * view, no offset, no 'f' order. Empty arrays count as plain (they have no buffer).
     */
    public static boolean plain(INDArray x) {
        return x.isEmpty() || !x.isView() && x.ordering() == 'c' && x.offset() == 0
                && Shape.hasDefaultStridesForShape(x);
    }

    public static String shape(INDArray x) {
        return x == null ? "none" : x.dataType() + " " + java.util.Arrays.toString(x.shape());
    }
}
