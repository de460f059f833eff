package org.neurite.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients waiting in one backward walk ({@link Backward}), and who owns their memory. Each
 * intermediate gradient buffer is closed once it is consumed and nothing still waiting shares
 * its memory: ops may pass a gradient through (return it, or a view of it, for one or several
 * inputs), the caller's seed gradient is never ours, and a gradient written into a parameter's own
 * buffer is the parameter's. Views and arrays in a workspace are left to their owners.
 */
final class PendingGradients {
    /** A gradient waiting to be consumed; {@code owned} is false when someone else frees it. */
    record Gradient(INDArray array, boolean owned) {
    }

    private final Map<Tensor, Gradient> pending = new IdentityHashMap<>();
    private final List<Gradient> consumed = new ArrayList<>();

    /** Starts the walk at {@code root} with the caller's {@code gradient}, which is never closed. */
    PendingGradients(Tensor root, INDArray gradient) {
        pending.put(root, new Gradient(gradient, false));
    }

    /** Removes and returns the summed gradient of {@code t}, or null when none reached it. */
    Gradient take(Tensor t) {
        return pending.remove(t);
    }

    /**
     * Records {@code g}, which an op returned for {@code input} given {@code from}; {@code into}
     * is the parameter buffer the op was offered (null when none).
     */
    void passOn(Tensor input, INDArray g, Gradient from, INDArray into) {
        // a gradient passed through from the caller's seed stays the caller's, and one written
        // into the parameter's own buffer is the parameter's
        add(input, g, g != into && (from.owned() || !overlaps(g, from.array())));
    }

    private void add(Tensor input, INDArray g, boolean owned) {
        Gradient existing = pending.get(input);
        if (existing == null) {
            pending.put(input, new Gradient(g, owned));
            return;
        }
        // never add in place: the existing buffer may be shared with another tensor
        pending.put(input, new Gradient(existing.array().add(g), true));
        consumed.add(existing);
        consumed.add(new Gradient(g, owned));
    }

    /**
     * Marks {@code g} as used and closes every consumed gradient that nothing still waiting
     * shares memory with.
     */
    void consume(Gradient g) {
        consumed.add(g);
        for (Gradient c : consumed) {
            INDArray a = c.array();
            if (!c.owned() || a.wasClosed() || a.isView() || a.isAttached() || !a.closeable() || stillPending(a)) {
                continue;
            }
            a.close();
        }
        consumed.clear();
    }

    private boolean stillPending(INDArray a) {
        for (Gradient other : pending.values()) {
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
}
