package org.neurite.tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses one op object and one native {@link OpContext} per distinct call (op name, input shapes
 * and types, and the arguments when the outputs are left to the op) on this thread. The first
 * call infers the output shapes; later identical calls take their outputs from the current scope
 * ({@link Allocator#empty}) and execute on the reused context, skipping op construction and
 * native shape inference, which on small arrays cost far more than the arithmetic.
 *
 * <p>Three more savings, each measured on the seed MLP's step: arguments are set on the context
 * only when they change; inside a {@link MemoryScope} the context keeps the arrays of its last
 * call, so a call with the very same array objects (a step's pooled arrays and parameter views)
 * sets nothing; and
 * platform kernels (oneDNN) are used only from {@link #HELPER_MIN} elements, as their set-up costs
 * tens of microseconds. Ops whose output shape depends on input values (segment sums, unique,
 * where, ...) always run the ordinary way.
 */
final class ContextCache {
    private static final int MAX_ENTRIES = 4096;
    /**
     * Per thread, in order of last use: past {@link #MAX_ENTRIES} the least recently used entry goes
     * (its context is left to the collector, as a call's own context is), so shapes that keep
     * changing (a DP run's Poisson batch sizes, a long test run) never stop the cache from keeping
     * the shapes in use.
     */
    private static final ThreadLocal<Map<Key, Entry>> CACHE = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                    return size() > MAX_ENTRIES;
                }
            });
    private static final Set<String> VALUE_SHAPED = Set.of("segment_sum", "segment_max", "segment_mean",
            "segment_min", "segment_prod", "unique", "unique_with_counts", "where", "where_np",
            "dynamic_partition", "boolean_mask", "non_max_suppression", "non_max_suppression_v3", "top_k",
            "choose", "listdiff", "nonzero", "compare_and_bitpack", "bincount", "confusion_matrix");

    private static final long[] NO_LONGS = new long[0];
    private static final double[] NO_DOUBLES = new double[0];
    private static final boolean[] NO_BOOLEANS = new boolean[0];

    private ContextCache() {
    }

    private record Key(String op, long[][] shapes, DataType[] types, long[] iargs, double[] targs, boolean[] bargs,
                       long[][] outShapes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && op.equals(k.op) && Arrays.deepEquals(shapes, k.shapes)
                    && Arrays.equals(types, k.types) && Arrays.equals(iargs, k.iargs)
                    && Arrays.equals(targs, k.targs) && Arrays.equals(bargs, k.bargs)
                    && Arrays.deepEquals(outShapes, k.outShapes);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * op.hashCode() + Arrays.deepHashCode(shapes)) + Arrays.hashCode(iargs);
        }
    }

    /** A reused op and context; the arguments last set on the context are kept to skip setting them again. */
    private static final class Entry {
        final DynamicCustomOp op;
        final OpContext context;
        final long[][] outShapes;
        final DataType[] outTypes;
        long[] iargs;
        double[] targs;
        boolean[] bargs;
        INDArray[] lastInputs;
        INDArray[] lastOutputs;
        boolean large;
        /** The faster thread count of a large call; null for a call that always runs on one thread. */
        ThreadChoice threads;

        Entry(DynamicCustomOp op, OpContext context, long[][] outShapes, DataType[] outTypes) {
            this.op = op;
            this.context = context;
            this.outShapes = outShapes;
            this.outTypes = outTypes;
        }

        /** Sets the call's arguments on the context where they differ from the last call's. */
        void arguments(long[] i, double[] t, boolean[] b) {
            if (!Arrays.equals(iargs, i)) {
                iargs = i.clone();
                context.setIArguments(iargs);
            }
            if (!Arrays.equals(targs, t)) {
                targs = t.clone();
                context.setTArguments(targs);
            }
            if (!Arrays.equals(bargs, b)) {
                bargs = b.clone();
                context.setBArguments(bargs);
            }
        }
    }

    /** Runs the call, through the cache when it has been seen before. */
    static INDArray[] exec(String name, INDArray[] inputs, INDArray[] outputs, long[] iargs, double[] targs,
                           boolean[] bargs) {
        if (VALUE_SHAPED.contains(name)) {
            Threads.use(1);
            return Nd4j.exec(Native.build(name, inputs, outputs, iargs, targs, bargs));
        }
        long[] i = iargs == null ? NO_LONGS : iargs;
        double[] t = targs == null ? NO_DOUBLES : targs;
        boolean[] b = bargs == null ? NO_BOOLEANS : bargs;
        Key key = key(name, inputs, outputs, i, t, b);
        Map<Key, Entry> cache = CACHE.get();
        Entry entry = cache.get(key);
        if (entry == null) {
            // the first call infers the output shapes; later ones reuse them (and the context)
            DynamicCustomOp op = Native.build(name, inputs, outputs, i, t, b);
            List<LongShapeDescriptor> shapes = outputs.length > 0 ? null : Nd4j.getExecutioner().calculateOutputShape(op);
            entry = newEntry(name, inputs, outputs, shapes);
            cache.put(key, entry);
        }
        INDArray[] outs = outputs;
        if (outs.length == 0) {
            outs = new INDArray[entry.outShapes.length];
            for (int k = 0; k < outs.length; k++) {
                outs[k] = Allocator.empty(entry.outTypes[k], entry.outShapes[k]);
            }
        }
        OpContext ctx = entry.context;
        entry.arguments(i, t, b);
        // a step's arrays are the same objects every step (ArrayPool, parameter views), so the
        // context often holds exactly these already; otherwise drop the old ones and set these
        if (!same(entry.lastInputs, inputs) || !same(entry.lastOutputs, outs)) {
            ctx.purge();
            ctx.setInputArrays(inputs);
            ctx.setOutputArrays(outs);
            entry.lastInputs = inputs.clone();
            entry.lastOutputs = outs.clone();
        }
        run(entry);
        if (entry.large || !MemoryScope.isOpen()) {
            // outside a step the arrays are the caller's: keeping them reachable until the next
            // such call would hold their memory (inside one they are pooled or parameters)
            ctx.purge();
            entry.lastInputs = null;
            entry.lastOutputs = null;
        }
        return outs;
    }

    /** Executes the entry's op on one thread, or on the count its {@link ThreadChoice} picks, timing its trials. */
    private static void run(Entry entry) {
        ThreadChoice choice = entry.threads;
        if (choice == null) {
            Threads.use(1);
            Nd4j.getExecutioner().exec(entry.op, entry.context);
            return;
        }
        boolean timed = choice.trial();
        Threads.use(choice.next(Threads.available()));
        long t0 = timed ? System.nanoTime() : 0;
        Nd4j.getExecutioner().exec(entry.op, entry.context);
        choice.record(timed ? System.nanoTime() - t0 : 0);
    }

    private static boolean same(INDArray[] last, INDArray[] now) {
        if (last == null || last.length != now.length) {
            return false;
        }
        for (int k = 0; k < now.length; k++) {
            if (last[k] != now[k]) {
                return false;
            }
        }
        return true;
    }

    /** Most elements (inputs and outputs) of a call whose arrays the context keeps between calls. */
    static final long RETAIN_MAX = 1L << 24;

    /** Minimum elements (inputs and outputs) for a call to use the platform kernels (oneDNN, cuDNN). */
    static final long HELPER_MIN = Long.getLong("neurite.helpers.min", 16384);

    private static Entry newEntry(String name, INDArray[] inputs, INDArray[] outputs, List<LongShapeDescriptor> inferred) {
        int n = inferred == null ? outputs.length : inferred.size();
        long[][] shapes = new long[n][];
        DataType[] types = new DataType[n];
        long elements = 0;
        for (int k = 0; k < n; k++) {
            shapes[k] = inferred == null ? outputs[k].shape() : inferred.get(k).getShape();
            types[k] = inferred == null ? outputs[k].dataType() : inferred.get(k).dataType();
            elements += Math.max(1, Arrays.stream(shapes[k]).reduce(1, (a, c) -> a * c));
        }
        elements += elements(inputs);
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        // a platform kernel (oneDNN here) pays tens of microseconds of set-up per call: worth it
        // for a convolution, not for a 32 x 64 activation
        ctx.allowHelpers(elements >= HELPER_MIN);
        Entry entry = new Entry(new DynamicCustomOp(name, new INDArray[0], new INDArray[0]), ctx, shapes, types);
        entry.large = elements > RETAIN_MAX;
        entry.threads = Threads.parallel(elements) ? new ThreadChoice() : null;
        return entry;
    }

    private static long elements(INDArray[] arrays) {
        long n = 0;
        for (INDArray a : arrays) {
            n += a.length();
        }
        return n;
    }

    private static Key key(String name, INDArray[] inputs, INDArray[] outputs, long[] iargs, double[] targs,
                           boolean[] bargs) {
        long[][] shapes = new long[inputs.length][];
        DataType[] types = new DataType[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
            types[i] = inputs[i].dataType();
        }
        long[][] outShapes = new long[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            outShapes[i] = outputs[i].shape();
        }
        if (outputs.length > 0) {
            // given outputs need no shape inference, so one entry serves every argument value
            // (an optimizer's step count or learning rate changes on every call)
            return new Key(name, shapes, types, NO_LONGS, NO_DOUBLES, NO_BOOLEANS, outShapes);
        }
        return new Key(name, shapes, types, iargs, targs, bargs, outShapes);
    }
}
