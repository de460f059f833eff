package org.neurite.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Native;
import org.neurite.tensor.Tensor;

/**
 * Multi-head scaled dot-product attention, as Keras {@code MultiHeadAttention}: each of
 * {@code numHeads} heads projects the query, key and value, weights the values by
 * {@code softmax(q k^T / sqrt(keyDim))}, and the heads' results are projected back together.
 *
 * <p>Inputs: query {@code [N, Tq, dq]}, value {@code [N, Tv, dv]} and optionally key
 * {@code [N, Tv, dk]} (the value when absent); output {@code [N, Tq, outputShape]} (default
 * {@code dq}). Weights, in Keras's order: query kernel {@code [dq, heads, keyDim]} and bias
 * {@code [heads, keyDim]}, key kernel {@code [dk, heads, keyDim]} and bias, value kernel
 * {@code [dv, heads, valueDim]} and bias {@code [heads, valueDim]}, output kernel
 * {@code [heads, valueDim, outputShape]} and bias {@code [outputShape]} (Glorot uniform kernels,
 * zero biases).
 *
 * <p>Masks: a key whose step is padding in the value's (or the key's) mask gets weight exactly 0;
 * with {@link #useCausalMask} query step {@code t} sees keys {@code 0..t} only. The output carries
 * the query's mask. A query that may see no key at all (every key padding) attends to all keys
 * as if none were hidden, rather than producing NaN.
 *
 * <pre>{@code
 * Node context = new MultiHeadAttention(4, 16).apply(query, value);   // cross-attention
 * Node self = new MultiHeadAttention(4, 16).useCausalMask(true).apply(x, x);
 * }</pre>
 */
public final class MultiHeadAttention extends MultiInputLayer {
    /** Added to the scores of hidden keys: exp(-1e9 + s) is exactly 0 in FLOAT and DOUBLE. */
    private static final double HIDDEN = -1e9;

    private final int numHeads;
    private final int keyDim;
    private int valueDim;
    private double dropout;
    private boolean useBias = true;
    private int outputSize;
    private boolean useCausalMask;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Weight queryKernel;
    private Weight queryBias;
    private Weight keyKernel;
    private Weight keyBias;
    private Weight valueKernel;
    private Weight valueBias;
    private Weight outputKernel;
    private Weight outputBias;
    private long outDim;
    // {keep [1, Tq, Tk] lower triangle of ones, bias: the same as 0 / -1e9}, kept between calls;
    // one array published at once, as calls on several threads (predict) read and replace it
    private volatile INDArray[] causal;

    /** {@code numHeads} heads whose query and key projections have {@code keyDim} features each. */
    public MultiHeadAttention(int numHeads, int keyDim) {
        if (numHeads <= 0 || keyDim <= 0) {
            throw new IllegalArgumentException("MultiHeadAttention: num_heads and key_dim must be positive, got "
                    + numHeads + " and " + keyDim);
        }
        this.numHeads = numHeads;
        this.keyDim = keyDim;
        this.valueDim = keyDim;
    }

    /** Features per head of the value projection (default {@code keyDim}). */
    public MultiHeadAttention valueDim(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name() + ": value_dim must be positive, got " + value);
        }
        this.valueDim = value;
        return this;
    }

    /** Dropout rate on the attention weights while training (default 0). */
    public MultiHeadAttention dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name() + ": dropout must be in [0, 1), got " + rate);
        }
        this.dropout = rate;
        return this;
    }

    /** Whether the four projections add biases (default true). */
    public MultiHeadAttention useBias(boolean value) {
        this.useBias = value;
        return this;
    }

    /** Features of the output (default 0: the query's features). */
    public MultiHeadAttention outputShape(int features) {
        if (features < 0) {
            throw new IllegalArgumentException(name() + ": output_shape must be positive, got " + features);
        }
        this.outputSize = features;
        return this;
    }

    /** Lets query step {@code t} attend to keys {@code 0..t} only (a decoder's self-attention). */
    public MultiHeadAttention useCausalMask(boolean value) {
        this.useCausalMask = value;
        return this;
    }

    public MultiHeadAttention kernelInitializer(Initializer value) {
        this.kernelInitializer = value;
        return this;
    }

    public MultiHeadAttention biasInitializer(Initializer value) {
        this.biasInitializer = value;
        return this;
    }

    public int numHeads() {
        return numHeads;
    }

    public int keyDim() {
        return keyDim;
    }

    public int valueDim() {
        return valueDim;
    }

    @Override
    protected long[] onBuild(List<long[]> shapes) {
        checkCount(shapes.size());
        String[] roles = {"query", "value", "key"};
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i).length != 2) {
                throw inputError(roles[i], "[sequence_length, features]", shapes.get(i));
            }
        }
        long[] query = shapes.get(0);
        long[] value = shapes.get(1);
        long[] key = shapes.size() > 2 ? shapes.get(2) : value;
        if (key[0] != value[0]) {
            throw inputError("key", "[" + value[0] + ", features] (as many steps as the value)", key);
        }
        outDim = outputSize > 0 ? outputSize : query[1];
        long h = numHeads;
        queryKernel = addWeight("query_kernel", new long[]{query[1], h, keyDim}, kernelInitializer, null);
        queryBias = useBias ? addWeight("query_bias", new long[]{h, keyDim}, biasInitializer, null) : null;
        keyKernel = addWeight("key_kernel", new long[]{key[1], h, keyDim}, kernelInitializer, null);
        keyBias = useBias ? addWeight("key_bias", new long[]{h, keyDim}, biasInitializer, null) : null;
        valueKernel = addWeight("value_kernel", new long[]{value[1], h, valueDim}, kernelInitializer, null);
        valueBias = useBias ? addWeight("value_bias", new long[]{h, valueDim}, biasInitializer, null) : null;
        outputKernel = addWeight("attention_output_kernel", new long[]{h, valueDim, outDim}, kernelInitializer, null);
        outputBias = useBias ? addWeight("attention_output_bias", new long[]{outDim}, biasInitializer, null) : null;
        return new long[]{query[0], outDim};
    }

    /** Inputs query, value and optionally key; keys are hidden where the value's or key's mask is 0. */
    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        checkCount(inputs.size());
        Tensor value = inputs.get(1);
        Tensor key = inputs.size() > 2 ? inputs.get(2) : value;
        INDArray keyMask = value.mask();
        if (key != value && key.mask() != null) {
            keyMask = keyMask == null ? key.mask() : keyMask.mul(key.mask().castTo(keyMask.dataType()));
        }
        return attend(inputs.get(0), value, key, keyMask, training);
    }

    /** Self- or cross-attention with an explicit key mask {@code [N, Tk]} (null: every key visible). */
    Tensor attend(Tensor query, Tensor value, Tensor key, INDArray keyMask, boolean training) {
        List<long[]> built = inputShapes();
        checkFeatures(query, "query", built.get(0)[1]);
        checkFeatures(value, "value", built.get(1)[1]);
        checkFeatures(key, "key", built.get(built.size() > 2 ? 2 : 1)[1]);
        long n = query.size(0);
        long tq = query.size(1);
        long tk = key.size(1);
        if (value.size(0) != n || key.size(0) != n || value.size(1) != tk) {
            throw new IllegalArgumentException(name() + " (" + className() + "): query, value and key must have the "
                    + "same batch size and value and key the same steps, got " + Arrays.toString(query.shape()) + ", "
                    + Arrays.toString(value.shape()) + " and " + Arrays.toString(key.shape()));
        }
        if (keyMask != null && !Arrays.equals(keyMask.shape(), new long[]{n, tk})) {
            throw new IllegalArgumentException(name() + " (" + className() + "): the key mask must be [" + n + ", "
                    + tk + "], got " + Arrays.toString(keyMask.shape()));
        }
        Tensor q = heads(query, queryKernel, queryBias, keyDim);     // [N, H, Tq, keyDim]
        Tensor k = heads(key, keyKernel, keyBias, keyDim);           // [N, H, Tk, keyDim]
        Tensor v = heads(value, valueKernel, valueBias, valueDim);   // [N, H, Tk, valueDim]
        Tensor scores = Functional.batchedMatMul(q, k, false, true, 1 / Math.sqrt(keyDim));   // [N, H, Tq, Tk]
        INDArray bias = scoreBias(keyMask, n, tq, tk, scores.dataType());
        if (bias != null) {
            scores = scores.add(Tensor.constant(bias));
        }
        Tensor weights = Functional.dropout(scores.softmax(-1), dropout, training);
        Tensor context = Functional.batchedMatMul(weights, v, false, false, 1);           // [N, H, Tq, valueDim]
        long merged = (long) numHeads * valueDim;
        Tensor flat = context.permute(0, 2, 1, 3).reshape(n * tq, merged);               // heads side by side
        Tensor out = Functional.linear(flat, tensor(outputKernel).reshape(merged, outDim),
                outputBias == null ? null : tensor(outputBias));
        return out.reshape(n, tq, outDim);
    }

    /** One GEMM for all heads' projections of {@code x} {@code [N, T, d]}, as {@code [N, H, T, size]}. */
    private Tensor heads(Tensor x, Weight kernel, Weight bias, int size) {
        long n = x.size(0);
        long t = x.size(1);
        long in = x.size(2);
        long all = (long) numHeads * size;
        Tensor y = Functional.linear(x.reshape(n * t, in), tensor(kernel).reshape(in, all),
                bias == null ? null : tensor(bias).reshape(all));
        return y.reshape(n, t, numHeads, size).permute(0, 2, 1, 3);
    }

    /**
     * The constant added to the scores: 0 where query {@code t} may attend to key {@code s}, -1e9
     * where the key is padding or (causal) later than {@code t}; {@code [N or 1, 1, Tq or 1, Tk]},
     * broadcast over the heads, or null when every key is visible. A query that may see no key
     * attends to all of them: -1e9 on a whole row would give NaN in DOUBLE (a libnd4j softmax bug)
     * and a nearly uniform row in FLOAT, neither of them meaningful.
     */
    private INDArray scoreBias(INDArray keyMask, long n, long tq, long tk, DataType type) {
        if (keyMask == null) {
            return useCausalMask ? causal(tq, tk, type)[1] : null;
        }
        INDArray keep = (keyMask.dataType() == type ? keyMask : Native.cast(keyMask, type)).reshape('c', n, 1, tk);
        if (useCausalMask) {
            keep = Native.call("multiply", keep, causal(tq, tk, type)[0])[0];   // [N, Tq, Tk]
        }
        INDArray seesNone = Native.reduce("max", keep, true, 2).rsubi(1);      // 1 for a row without keys
        INDArray open = Native.call("add", keep, seesNone)[0];
        return open.subi(1).muli(-HIDDEN).reshape('c', n, 1, open.size(1), tk);
    }

    /** The causal keep mask {@code [1, Tq, Tk]} and its bias {@code [1, 1, Tq, Tk]}, made once per shape. */
    private INDArray[] causal(long tq, long tk, DataType type) {
        INDArray[] cached = causal;
        if (cached == null || cached[0].size(1) != tq || cached[0].size(2) != tk || cached[0].dataType() != type) {
            double[] ones = new double[Math.toIntExact(tq * tk)];
            for (int t = 0; t < tq; t++) {
                Arrays.fill(ones, (int) (t * tk), (int) (t * tk + Math.min(t + 1, tk)), 1.0);
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                INDArray keep = Nd4j.createFromArray(ones).reshape('c', 1, tq, tk).castTo(type);
                INDArray bias = keep.sub(1).muli(-HIDDEN).reshape('c', 1, 1, tq, tk);
                cached = new INDArray[]{keep, bias};
            }
            causal = cached;
        }
        return cached;
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return inputs.get(0).mask();   // the output has the query's steps
    }

    private void checkCount(int count) {
        if (count != 2 && count != 3) {
            throw new IllegalArgumentException(name() + " (" + className() + "): takes query, value and optionally "
                    + "key (2 or 3 inputs), got " + count);
        }
    }

    private void checkFeatures(Tensor x, String role, long features) {
        if (x.rank() != 3 || x.size(2) != features) {
            throw inputError(role, "[sequence_length, " + features + "]",
                    Arrays.copyOfRange(x.shape(), Math.min(1, x.rank()), x.rank()));
        }
    }

    private IllegalArgumentException inputError(String role, String expected, long[] found) {
        return new IllegalArgumentException(name() + " (" + className() + "): expected " + role + " shape "
                + expected + " but found " + Arrays.toString(found));
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("num_heads", numHeads);
        config.put("key_dim", keyDim);
        config.put("value_dim", valueDim);
        config.put("dropout", dropout);
        config.put("use_bias", useBias);
        config.put("output_shape", outputSize > 0 ? outputSize : null);
        config.put("attention_axes", null);
        config.put("kernel_initializer", kernelInitializer.name());
        config.put("bias_initializer", biasInitializer.name());
        config.put("use_causal_mask", useCausalMask);
    }
}
