package org.neurite.preprocessing;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Rows;

/**
 * Per-channel statistics and affine maps for the scalers. The channel axis is the last one
 * (channels-last): a column of {@code [n, d]} features, a colour channel of {@code [n, h, w, c]}
 * images; features {@code [n]} have a single channel.
 */
final class Channels {
    private Channels() {
    }

    /** The number of channels of {@code x}: its last dimension, or 1 for a vector. */
    static int count(INDArray x) {
        return x.rank() < 2 ? 1 : (int) x.size(x.rank() - 1);
    }

    /** {@code x} as FLOAT or DOUBLE {@code [values per channel, channels]}. */
    static INDArray matrix(INDArray x) {
        INDArray m = x.reshape('c', x.length() / count(x), count(x));
        return m.isR() ? m : m.castTo(DataType.FLOAT);
    }

    /** The values of a reduction result as Java doubles. */
    static double[] doubles(INDArray v) {
        return v.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** Fails unless every statistic is finite, which needs features without NaN or infinity. */
    static void requireFinite(String who, INDArray x, double[]... stats) {
        for (double[] values : stats) {
            if (Arrays.stream(values).anyMatch(v -> !Double.isFinite(v))) {
                throw new IllegalArgumentException(who + ".fit: features " + Rows.shape(x) + " hold NaN or "
                        + "infinite values; clean them first (Cleaning.dropMissing or Cleaning.imputeMissing)");
            }
        }
    }

    /**
     * {@code x * scale[c] + shift[c]} for each channel {@code c}, in the shape of {@code x}, outside
     * every workspace.
     *
     * @throws IllegalArgumentException when {@code x} has another number of channels than {@code scale}
     */
    static INDArray affine(String who, INDArray x, double[] scale, double[] shift) {
        if (count(x) != scale.length) {
            throw new IllegalArgumentException(who + " was fitted on " + scale.length + " channel(s) (the last "
                    + "axis), but got " + count(x) + " in " + Rows.shape(x));
        }
        return Rows.detached(() -> {
            INDArray m = matrix(x);
            INDArray out = m.mulRowVector(Nd4j.createFromArray(scale).castTo(m.dataType()))
                    .addiRowVector(Nd4j.createFromArray(shift).castTo(m.dataType()));
            return out.reshape(x.shape());
        });
    }
}
