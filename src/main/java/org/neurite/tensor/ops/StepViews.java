package org.neurite.tensor.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.MemoryScope;

/**
 * Views into a step's pooled buffers, by buffer identity. Inside a {@link MemoryScope} every
 * training step gets the very same buffer objects back from the pool, so each step's views
 * are created once (an ND4J view costs 10-20 microseconds, and a sequence takes a few hundred
 * per pass) and are the same objects every time, which also lets the cached op contexts skip
 * setting their arrays. Outside a scope the buffers are new on every call and nothing is kept.
 */
final class StepViews {

    private static final int MAX_VIEWS = 8192;
    private static final ThreadLocal<Map<ViewKey, INDArray>> VIEWS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ViewKey, INDArray> eldest) {
                    return size() > MAX_VIEWS;
                }
            });

    private StepViews() {
    }

    /** Columns {@code [from, to)} of a 2-D array, as a view (cached for a step's pooled arrays). */
    static INDArray cols(INDArray a, long from, long to) {
        return view(a, from, to);
    }

    /** Slice {@code k} along the first (time) axis, as a view (cached for a step's pooled arrays). */
    static INDArray at(INDArray a, int k) {
        return view(a, -1, k);
    }

    private static INDArray view(INDArray a, long from, long to) {
        return cached(a, from, to,
                () -> from < 0 ? a.slice((int) to) : a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)));
    }

    /**
     * A view of {@code a} made by {@code make}, cached under {@code (a, from, to)} as {@link #view}
     * does (callers pick key values that no other view of the same parent uses).
     */
    static INDArray cached(INDArray a, long from, long to, Supplier<INDArray> make) {
        if (!MemoryScope.isOpen()) {
            return make.get();
        }
        Map<ViewKey, INDArray> cache = VIEWS.get();
        ViewKey key = new ViewKey(a, from, to);
        INDArray v = cache.get(key);
        if (v == null) {
            v = make.get();
            cache.put(key, v);
        }
        return v;
    }

    /** A view's parent (by identity) and range. */
    private record ViewKey(INDArray parent, long from, long to) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ViewKey k && k.parent == parent && k.from == from && k.to == to;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(parent) * 31 + Long.hashCode(from * 1_000_003L + to);
        }
    }
}
