package org.neurite.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one allocator for op outputs and temporaries. Arrays created here follow the current ND4J
 * workspace (so a training step scoped by {@link MemoryScope} frees them at once), except the
 * {@code persistent} ones, which outlive any scope (parameters, gradients, optimizer state).
 */
public final class Allocator {
    private Allocator() {
    }

    /** An uninitialised c-order array in the current scope (reused from its previous cycle when there is one). */
    public static INDArray empty(DataType type, long... shape) {
        INDArray pooled = MemoryScope.pooled(type, shape);
        return pooled != null ? pooled : Nd4j.createUninitialized(type, shape);
    }

    /** A zero array in the current scope. */
    public static INDArray zeros(DataType type, long... shape) {
        return Nd4j.zeros(type, shape);
    }

    /** A zero array like {@code like}, in the current scope. */
    public static INDArray zerosLike(INDArray like) {
        return Nd4j.zeros(like.dataType(), like.shape());
    }

    /** A zero array that lives outside every workspace. */
    public static INDArray persistentZeros(DataType type, long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(type, shape);
        }
    }

    /** A copy of {@code source} that lives outside every workspace. */
    public static INDArray persistentCopy(INDArray source) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return source.dup(source.ordering() == 'f' ? 'c' : source.ordering());
        }
    }
}
