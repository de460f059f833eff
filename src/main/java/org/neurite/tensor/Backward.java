package org.neurite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reverse-mode differentiation of a recorded graph: a topological sort from the root, then a
 * reverse walk calling each op's backward and summing the gradients that reach a tensor along
 * several paths.
 *
 * <p>It also frees what it no longer needs: each op's saved arrays and graph links once the op
 * has run, and each intermediate gradient buffer once it is consumed. Ops may pass a gradient
 * through (return it, or a view of it, for one or several inputs), so a buffer is closed only
 * when no gradient still waiting in the walk shares its memory.
 */
final class Backward {
    private final Map<Tensor, Pending> pending = new IdentityHashMap<>();
    /** How many graph edges reach each leaf; a leaf reached once may take its gradient in place. */
    private final Map<Tensor, Integer> leafUses = new IdentityHashMap<>();
    private final List<Pending> consumed = new ArrayList<>();

    /** A gradient waiting to be consumed; {@code owned} is false for the caller's seed gradient. */
    private record Pending(INDArray array, boolean owned) {
    }

    private Backward() {
    }

    /** Backpropagates from the scalar {@code root} (its gradient is 1). */
    static void run(Tensor root) {
        INDArray value = root.value();
        if (value.length() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar, got shape "
                    + Arrays.toString(root.shape()) + "; pass the upstream gradient with backward(INDArray)");
        }
        INDArray one = Allocator.empty(value.dataType(), value.shape());
        run(root, Native.into("ones_as", new INDArray[]{value}, new INDArray[]{one}, null, null, null)[0]);
    }

    /** Backpropagates {@code gradient}, the loss's gradient with respect to {@code root}. */
    static void run(Tensor root, INDArray gradient) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward() on a tensor that does not require a gradient: "
                    + "no parameter contributed to it (or it was computed under noGrad())");
        }
        if (!Arrays.equals(gradient.shape(), root.value().shape())) {
            throw new IllegalArgumentException("gradient shape " + Arrays.toString(gradient.shape())
                    + " does not match tensor shape " + Arrays.toString(root.value().shape()));
        }
        Backward b = new Backward();
        b.pending.put(root, new Pending(gradient, false));   // the caller's array: never ours to close
        List<Tensor> order = topologicalOrder(root, b.leafUses);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            Pending g = b.pending.remove(t);
            if (g == null) {
                continue;
            }
            if (t.isLeaf()) {
                t.node().accumulate(g.array());
            } else {
                b.propagate(t, g);
            }
            b.consumed.add(g);
            b.closeConsumed();
        }
    }

    private void propagate(Tensor t, Pending g) {
        if (t.node().graphReleased()) {
            throw new IllegalStateException("the graph behind this tensor was released by an earlier backward()");
        }
        Op op = t.node().creator();
        Tensor[] inputs = t.node().inputs();
        boolean[] needs = new boolean[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            needs[j] = inputs[j].requiresGrad();
        }
        INDArray[] into = new INDArray[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            if (needs[j] && inputs[j].isLeaf() && leafUses.getOrDefault(inputs[j], 0) == 1) {
                into[j] = inputs[j].node().gradDestination();
            }
        }
        boolean[] perExample = PerExampleGradients.active() == null ? null : takeParameters(inputs, needs, into);
        Profiler.Timer timer = Profiler.start("grad:" + op.name());
        INDArray[] gradInputs;
        try {
            gradInputs = anyTrue(needs) || perExample == null ? op.backward(g.array(), needs, into)
                    : new INDArray[inputs.length];
            if (perExample != null) {
                collectPerExample(op, g.array(), inputs, perExample);
            }
        } finally {
            timer.stop();
        }
        for (int j = 0; j < inputs.length; j++) {
            if (!needs[j]) {
                continue;
            }
            INDArray gj = gradInputs[j];
            if (gj == null || !Arrays.equals(gj.shape(), inputs[j].value().shape())) {
                throw new IllegalStateException(op.name() + " backward returned gradient of shape "
                        + (gj == null ? "null" : Arrays.toString(gj.shape())) + " for input " + j + " of shape "
                        + Arrays.toString(inputs[j].value().shape()));
            }
            // a gradient passed through from the caller's seed stays the caller's, and one written
            // into the parameter's own buffer is the parameter's
            add(inputs[j], gj, gj != into[j] && (g.owned() || !overlaps(gj, g.array())));
        }
        t.node().releaseGraph();
    }

    /**
     * For per-example collection: marks the parameters (leaves) among the needed inputs and takes
     * them out of {@code needs}, so the op computes no ordinary gradient for them.
     */
    private static boolean[] takeParameters(Tensor[] inputs, boolean[] needs, INDArray[] into) {
        boolean[] parameters = new boolean[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            if (needs[j] && inputs[j].isLeaf()) {
                parameters[j] = true;
                needs[j] = false;
                into[j] = null;
            }
        }
        return parameters;
    }

    private static void collectPerExample(Op op, INDArray g, Tensor[] inputs, boolean[] parameters) {
        PerExampleGradients sink = PerExampleGradients.active();
        for (int j = 0; j < inputs.length; j++) {
            if (parameters[j]) {
                sink.add(op, inputs[j], op.perExample(g, j, sink.examples()));
            }
        }
    }

    private static boolean anyTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private void add(Tensor input, INDArray g, boolean owned) {
        Pending existing = pending.get(input);
        if (existing == null) {
            pending.put(input, new Pending(g, owned));
            return;
        }
        // never add in place: the existing buffer may be shared with another tensor
        pending.put(input, new Pending(existing.array().add(g), true));
        consumed.add(existing);
        consumed.add(new Pending(g, owned));
    }

    /**
     * Closes the consumed gradients that nothing still waiting shares memory with; skips the
     * caller's seed, views, and arrays in a workspace (the workspace frees those).
     */
    private void closeConsumed() {
        for (Pending p : consumed) {
            INDArray a = p.array();
            if (!p.owned() || a.wasClosed() || a.isView() || a.isAttached() || !a.closeable() || stillPending(a)) {
                continue;
            }
            a.close();
        }
        consumed.clear();
    }

    private boolean stillPending(INDArray a) {
        for (Pending other : pending.values()) {
            if (overlaps(a, other.array())) {
                return true;
            }
        }
        return false;
    }

    /** Whether two arrays share any memory (views included). */
    private static boolean overlaps(INDArray a, INDArray b) {
        if (a == b) {
            return true;
        }
        long aStart = a.data().address();
        long aEnd = aStart + a.data().length() * a.data().getElementSize();
        long bStart = b.data().address();
        long bEnd = bStart + b.data().length() * b.data().getElementSize();
        return aStart < bEnd && bStart < aEnd;
    }

    private static List<Tensor> topologicalOrder(Tensor root, Map<Tensor, Integer> leafUses) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(root);
        next.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            Tensor[] in = t.node().inputs();
            if (in != null && i < in.length) {
                next.push(i + 1);
                Tensor child = in[i];
                if (child.requiresGrad() && child.isLeaf()) {
                    leafUses.merge(child, 1, Integer::sum);
                }
                if (child.requiresGrad() && visited.add(child)) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
