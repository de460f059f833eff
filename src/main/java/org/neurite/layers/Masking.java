package org.neurite.layers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;

/**
 * Marks padding steps, as Keras {@code Masking}: a step whose features all equal
 * {@code maskValue} is masked. The output is the input with masked steps set to zero, and it
 * carries the step mask {@code [N, steps]} (1 for a real step, 0 for padding) that recurrent
 * layers, attention and global pooling honour.
 *
 * <p>Input {@code [N, steps, features]}, output the same shape. No weights; no gradient reaches
 * a masked step.
 *
 * <pre>{@code new Masking(0.0)}</pre>
 */
public final class Masking extends Layer {
    private static final String LAYOUT = "[steps, features]";
    private final double maskValue;

    /** Masks the steps whose features are all 0. */
    public Masking() {
        this(0.0);
    }

    /** Masks the steps whose features all equal {@code maskValue}. */
    public Masking(double maskValue) {
        this.maskValue = maskValue;
    }

    public double maskValue() {
        return maskValue;
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, 2, LAYOUT);
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        requireBatchRank(x, 2, LAYOUT);
        INDArray mask = stepMask(x);
        return x.mul(Tensor.constant(mask.reshape('c', mask.size(0), mask.size(1), 1)));
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        return stepMask(inputs.get(0));
    }

    /** 1 where some feature of the step differs from maskValue, in the input's type: {@code [N, steps]}. */
    private INDArray stepMask(Tensor x) {
        INDArray v = x.value();
        return v.neq(maskValue).castTo(v.dataType()).max(2);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("mask_value", maskValue);
    }
}
