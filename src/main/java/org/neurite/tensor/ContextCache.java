package org.neurite.tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses one op object and one native {@link OpContext} per distinct call (op name, input shapes
 * and types, arguments) on this thread. The first call runs the ordinary way and records its
 * output shapes; later identical calls allocate those outputs in the current scope and execute on
 * the reused context, skipping op construction and native shape inference, which on small arrays
 * cost far more than the arithmetic. Ops whose output shape depends on input values (segment
 * sums, unique, where, ...) always run the ordinary way.
 */
final class ContextCache {
    private static final int MAX_ENTRIES = 4096;
    private static final ThreadLocal<Map<Key, Entry>> CACHE = ThreadLocal.withInitial(HashMap::new);
    private static final Set<String> VALUE_SHAPED = Set.of("segment_sum", "segment_max", "segment_mean",
            "segment_min", "segment_prod", "unique", "unique_with_counts", "where", "where_np",
            "dynamic_partition", "boolean_mask", "non_max_suppression", "non_max_suppression_v3", "top_k",
            "choose", "listdiff", "nonzero", "compare_and_bitpack", "bincount", "confusion_matrix");

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

    private record Entry(DynamicCustomOp op, OpContext context, long[][] outShapes, DataType[] outTypes,
                         long[] iargs, double[] targs, boolean[] bargs) {
    }

    /** Runs the call, through the cache when it has been seen before. */
    static INDArray[] exec(String name, INDArray[] inputs, INDArray[] outputs, long[] iargs, double[] targs,
                           boolean[] bargs) {
        if (VALUE_SHAPED.contains(name)) {
            return Nd4j.exec(Native.build(name, inputs, outputs, iargs, targs, bargs));
        }
        Key key = key(name, inputs, outputs, iargs, targs, bargs);
        Map<Key, Entry> cache = CACHE.get();
        Entry entry = cache.get(key);
        if (entry == null) {
            INDArray[] results = Nd4j.exec(Native.build(name, inputs, outputs, iargs, targs, bargs));
            if (cache.size() < MAX_ENTRIES) {
                cache.put(key, newEntry(name, results, iargs, targs, bargs));
            }
            return results;
        }
        INDArray[] outs = outputs;
        if (outs.length == 0) {
            outs = new INDArray[entry.outShapes().length];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = Nd4j.createUninitialized(entry.outTypes()[i], entry.outShapes()[i]);
            }
        }
        OpContext ctx = entry.context();
        ctx.setInputArrays(inputs);
        ctx.setOutputArrays(outs);
        ctx.setIArguments(entry.iargs());
        ctx.setTArguments(entry.targs());
        ctx.setBArguments(entry.bargs());
        try {
            Nd4j.getExecutioner().exec(entry.op(), ctx);
        } finally {
            ctx.purge();   // drop the context's references to this call's arrays
        }
        return outs;
    }

    private static Entry newEntry(String name, INDArray[] results, long[] iargs, double[] targs, boolean[] bargs) {
        long[][] shapes = new long[results.length][];
        DataType[] types = new DataType[results.length];
        for (int i = 0; i < results.length; i++) {
            shapes[i] = results[i].shape();
            types[i] = results[i].dataType();
        }
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        return new Entry(new DynamicCustomOp(name, new INDArray[0], new INDArray[0]), ctx, shapes, types,
                iargs == null ? new long[0] : iargs.clone(), targs == null ? new double[0] : targs.clone(),
                bargs == null ? new boolean[0] : bargs.clone());
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
        return new Key(name, shapes, types, iargs == null ? new long[0] : iargs, targs == null ? new double[0] : targs,
                bargs == null ? new boolean[0] : bargs, outShapes);
    }
}
