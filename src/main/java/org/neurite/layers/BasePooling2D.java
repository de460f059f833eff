package org.neurite.layers;

import java.util.Arrays;
import java.util.Map;

import org.neurite.tensor.Padding;
import org.neurite.tensor.Tensor;

/**
 * What {@link MaxPooling2D} and {@link AveragePooling2D} share: a window of {@code poolSize} moved
 * by {@code strides} (default: the pool size) over {@code [N, height, width, channels]} input,
 * with "valid" padding by default. Output {@code [N, height', width', channels]}, where each
 * spatial size is {@code floor((in - pool) / stride) + 1} ("valid") or {@code ceil(in / stride)}
 * ("same"). No weights.
 *
 * @param <T> the concrete layer, so that the fluent setters keep its type
 */
abstract class BasePooling2D<T extends BasePooling2D<T>> extends Layer {
    static final String LAYOUT = "[height, width, channels]";

    private final int[] poolSize;
    private int[] strides;
    private Padding padding = Padding.VALID;

    BasePooling2D(int[] poolSize) {
        this.poolSize = Windows.tuple(className(), "pool size", poolSize, 2);
    }

    /** The pooling itself on a channels-last batch. */
    abstract Tensor pool(Tensor x, int[] poolSize, int[] strides, Padding padding);

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Step of the window: one value for both axes or {@code {sH, sW}}; default the pool size. */
    public T strides(int... values) {
        this.strides = Windows.tuple(className(), "strides", values, 2);
        return self();
    }

    /** "valid" (the default) or "same"; padded positions never take part in the result. */
    public T padding(String value) {
        this.padding = Windows.padding(className(), value);
        return self();
    }

    public int[] poolSize() {
        return poolSize.clone();
    }

    private int[] effectiveStrides() {
        return strides == null ? poolSize : strides;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, 3, LAYOUT);
        int[] s = effectiveStrides();
        long[] out = {0, 0, inputShape[2]};
        for (int i = 0; i < 2; i++) {
            out[i] = Windows.outputLength(inputShape[i], poolSize[i], s[i], 1, padding);
            if (out[i] <= 0) {
                throw shapeError(LAYOUT + " with spatial sizes at least " + Arrays.toString(poolSize)
                        + " for padding \"valid\"", inputShape);
            }
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        requireBatchRank(x, 3, LAYOUT);
        return pool(x, poolSize, effectiveStrides(), padding);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("pool_size", Windows.list(poolSize));
        config.put("strides", Windows.list(effectiveStrides()));
        config.put("padding", Windows.name(padding));
        config.put("data_format", "channels_last");
    }
}
