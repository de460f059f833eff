package org.neurite.layers;

import java.util.Map;

import org.neurite.tensor.Tensor;

/**
 * What the global pooling layers share: reduce channels-last input over all its spatial axes,
 * {@code [N, s..., channels] -> [N, channels]}, by maximum or mean. No weights.
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
        return max ? x.max(axes) : x.mean(axes);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("data_format", "channels_last");
        config.put("keepdims", false);
    }
}
