package org.neurite.tensor;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A scope whose off-heap arrays are all released when it closes: wrap one training or inference
 * step in it. Parameters, gradients and optimizer state are allocated outside (see
 * {@link Allocator#persistentZeros}) and survive; anything else needed afterwards must be copied
 * out (a Java number, or {@link Allocator#persistentCopy}).
 *
 * <pre>{@code
 * for (...) {
 *     try (MemoryScope step = MemoryScope.open("train")) {
 *         Tensor loss = ...;
 *         loss.backward();
 *         optimizer.step();
 *     }
 * }
 * }</pre>
 * The memory is learnt on the first pass and reused afterwards, so steady-state steps allocate
 * nothing new off-heap.
 */
public final class MemoryScope implements AutoCloseable {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.EXTERNAL)
            .build();

    private final MemoryWorkspace workspace;

    private MemoryScope(MemoryWorkspace workspace) {
        this.workspace = workspace;
    }

    /** Opens (or re-enters) the workspace named {@code name} on this thread. */
    public static MemoryScope open(String name) {
        return new MemoryScope(Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "neurite-" + name));
    }

    @Override
    public void close() {
        workspace.close();
    }
}
