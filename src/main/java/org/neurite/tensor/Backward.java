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
 * several paths ({@link PendingGradients}, which also frees each intermediate gradient once it is
 * consumed). Each op's graph links are dropped once it has run.
 */
final class Backward {
    /** How many graph edges reach each leaf; a leaf reached once may take its gradient in place. */
    private final Map<Tensor, Integer> leafUses = new IdentityHashMap<>();
    private final PendingGradients gradients;

    private Backward(Tensor root, INDArray gradient) {
        this.gradients = new PendingGradients(root, gradient);
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
        Backward b = new Backward(root, gradient);
        List<Tensor> order = topologicalOrder(root, b.leafUses);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            PendingGradients.Gradient g = b.gradients.take(t);
            if (g == null) {
                continue;
            }
            if (t.isLeaf()) {
                t.node().accumulate(g.array());
            } else {
                b.propagate(t, g);
            }
            b.gradients.consume(g);
        }
    }

    private void propagate(Tensor t, PendingGradients.Gradient g) {
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
            gradients.passOn(inputs[j], gj, g, into[j]);
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
