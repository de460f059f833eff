package org.neurite.layers;

import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.Tensor;

/**
 * What the global pooling layers share: reduce channels-last input over all its spatial axes,
 * {@code [N, s..., channels] -> [N, channels]}, by maximum or mean. No weights.
 *
 * <p>Over steps ({@code [N, steps, features]}), a step mask on the input ({@link Tensor#mask()},
 * {@code [N, steps]}) is honoured: the maximum ignores masked steps and the mean averages over the
 * real steps only, so a padded, masked batch pools as its unpadded sequences would. An example
 * whose steps are all masked pools to zeros (Keras gives NaN for the mean). The output has no mask.
 */
abstract class GlobalPooling extends Layer {
    private final int spatialRank;
    private final boolean max;
    private final String layout;

    GlobalPooling(int spatialRank, boolean max) {
        this.spatialRank = spatialRank;
        this.max = max;
        this.layout = spatialRank == 1 ? "[steps, features]" : "[height, width, channels]";
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        requireRank(inputShape, spatialRank + 1, layout);
        return new long[]{inputShape[spatialRank]};
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        requireBatchRank(x, spatialRank + 1, layout);
        int[] axes = new int[spatialRank];
        for (int i = 0; i < spatialRank; i++) {
            axes[i] = i + 1;
        }
        INDArray mask = x.mask();
        if (mask != null && spatialRank == 1) {
            return max ? maskedMax(x, stepMask(x, mask)) : maskedMean(x, stepMask(x, mask));
        }
        return max ? x.max(axes) : x.mean(axes);
    }

    /** The mask as {@code [N, steps]} in x's type, checked against x {@code [N, steps, features]}. */
    private INDArray stepMask(Tensor x, INDArray mask) {
        if (mask.rank() != 2 || mask.size(0) != x.size(0) || mask.size(1) != x.size(1)) {
            throw new IllegalArgumentException(name() + " (" + className() + "): the input's step mask has shape "
                    + Arrays.toString(mask.shape()) + " but the input is " + Arrays.toString(x.shape())
                    + "; expected a mask of shape [" + x.size(0) + ", " + x.size(1) + "]");
        }
        return mask.castTo(x.dataType());
    }

    /** The mean over real steps: {@code sum(x * m) / max(sum(m), 1)}. */
    private static Tensor maskedMean(Tensor x, INDArray mask) {
        long n = mask.size(0);
        long steps = mask.size(1);
        INDArray count = Transforms.max(mask.sum(true, 1), 1.0, false);   // [N, 1]
        Tensor weights = Tensor.constant(mask.divColumnVector(count).reshape('c', n, steps, 1));
        return x.mul(weights).sum(1);
    }

    /**
     * The maximum over real steps: masked steps become -inf before the maximum; an example with no
     * real step takes its maximum over all steps, then is multiplied by 0.
     */
    private static Tensor maskedMax(Tensor x, INDArray mask) {
        long n = mask.size(0);
        long steps = mask.size(1);
        INDArray any = mask.max(true, 1);                                    // [N, 1]: 0 when all masked
        INDArray usable = mask.addColumnVector(any.rsub(1.0));
        INDArray penalty = usable.rsub(1.0);
        BooleanIndexing.replaceWhere(penalty, Double.NEGATIVE_INFINITY, Conditions.greaterThan(0.5));
        Tensor out = x.add(Tensor.constant(penalty.reshape('c', n, steps, 1))).max(1);
        return any.minNumber().doubleValue() > 0 ? out : out.mul(Tensor.constant(any));
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("data_format", "channels_last");
        config.put("keepdims", false);
    }
}
