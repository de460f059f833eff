package org.neurite.data;

import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Native;

/**
 * Row selection for datasets. Every array made here lives outside all ND4J workspaces, so a
 * dataset or a prefetched batch survives the per-step workspace a training loop opens and closes.
 */
final class Rows {
    private Rows() {
    }

    /** The rows {@code rows} of {@code x} (first dimension) as a new array, in that order. */
    static INDArray gather(INDArray x, int[] rows) {
        if (x == null) {
            return null;
        }
        return detached(() -> {
            if (rows.length > 0 && Indices.isRun(rows)) {
                return x.get(NDArrayIndex.interval(rows[0], rows[0] + rows.length)).dup('c');
            }
            INDArray ids = Nd4j.createFromArray(rows);
            INDArray out = Native.call("gather", new INDArray[] {x, ids}, new long[] {0}, null, null)[0];
            ids.close();
            return out;
        });
    }

    /** Runs {@code make} with every workspace of this thread suspended. */
    static <T> T detached(Supplier<T> make) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }

    /** {@code x} itself, or a copy outside the workspace it was allocated in. */
    static INDArray detach(INDArray x) {
        return x != null && x.isAttached() ? detached(x::detach) : x;
    }

    static String shape(INDArray x) {
        return x == null ? "none" : x.dataType() + " " + java.util.Arrays.toString(x.shape());
    }
}
