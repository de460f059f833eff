package org.neurite.tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * nothing new off-heap: op outputs come from an {@link ArrayPool} of the scope's name (the same
 * arrays as in the previous step), and anything else ND4J allocates from the scope's workspace.
 */
public final class MemoryScope implements AutoCloseable {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.EXTERNAL)
            .build();

    private static final ThreadLocal<Deque<MemoryScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<Map<String, ArrayPool>> POOLS = ThreadLocal.withInitial(HashMap::new);

    private final String name;
    private final MemoryWorkspace workspace;
    private final ArrayPool pool;
    private boolean closed;

    private MemoryScope(String name, MemoryWorkspace workspace, ArrayPool pool) {
        this.name = name;
        this.workspace = workspace;
        this.pool = pool;
    }

    /** Opens (or re-enters) the scope named {@code name} on this thread. */
    public static MemoryScope open(String name) {
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, "neurite-" + name);
        Deque<MemoryScope> open = OPEN.get();
        // a scope opened inside one of the same name (a fit inside a step) must not recycle the
        // outer step's arrays when it closes: it gets a pool of its own
        long sameName = open.stream().filter(s -> s.name.equals(name)).count();
        String poolName = sameName == 0 ? name : name + "#" + sameName;
        MemoryScope scope = new MemoryScope(name, ws, POOLS.get().computeIfAbsent(poolName, n -> new ArrayPool()));
        open.push(scope);
        return scope;
    }

    /** Frees the arrays kept for the scope named {@code name} on this thread (it must not be open). */
    public static void release(String name) {
        POOLS.get().entrySet().removeIf(e -> {
            boolean match = e.getKey().equals(name) || e.getKey().startsWith(name + "#");
            if (match) {
                e.getValue().clear();
            }
            return match;
        });
    }

    /** Whether a scope is open on this thread. */
    public static boolean isOpen() {
        return !OPEN.get().isEmpty();
    }

    /** An array from the innermost open scope's pool, or null outside every scope. */
    static INDArray pooled(DataType type, long[] shape) {
        MemoryScope top = OPEN.get().peek();
        return top == null ? null : top.pool.take(type, shape);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.get().remove(this);
        pool.recycle();
        workspace.close();
    }
}
