package org.neurite.preprocessing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.neurite.data.Rows;

/**
 * Maps features linearly onto a range, by default {@code [0, 1]}, per channel, with the minimum and
 * maximum fitted on training data and reused on test data (scikit-learn's {@code MinMaxScaler}).
 * Test values outside the training range land outside the target range; they are not clipped.
 *
 * <pre>{@code
 * MinMaxScaler scaler = MinMaxScaler.fit(train);            // or MinMaxScaler.fit(train, -1, 1)
 * Dataset testScaled = scaler.transform(test);
 * }</pre>
 *
 * Channels are as in {@link Standardizer}: the positions of the last axis. A constant channel
 * maps to the lower end of the range.
 */
public final class MinMaxScaler {
    private final double[] min;
    private final double[] max;
    private final double low;
    private final double high;

    private MinMaxScaler(double[] min, double[] max, double low, double high) {
        this.min = min;
        this.max = max;
        this.low = low;
        this.high = high;
    }

    /** The minimum and maximum of each channel of {@code features}, mapped onto {@code [0, 1]}. */
    public static MinMaxScaler fit(INDArray features) {
        return fit(features, 0, 1);
    }

    /**
     * The minimum and maximum of each channel of {@code features}, mapped onto {@code [low, high]}.
     *
     * @throws IllegalArgumentException when {@code low >= high} or the features hold NaN or infinity
     */
    public static MinMaxScaler fit(INDArray features, double low, double high) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("MinMaxScaler needs a finite range low < high, got [" + low + ", "
                    + high + "]");
        }
        double[][] stats = Rows.detached(() -> {
            INDArray m = Channels.matrix(features);
            return new double[][] {Channels.doubles(m.min(0)), Channels.doubles(m.max(0))};
        });
        Channels.requireFinite("MinMaxScaler", features, stats[0], stats[1]);
        return new MinMaxScaler(stats[0], stats[1], low, high);
    }

    /** {@link #fit(INDArray)} on the features of {@code train}. */
    public static MinMaxScaler fit(Dataset train) {
        return fit(train.singleInput("MinMaxScaler.fit"));
    }

    /** {@link #fit(INDArray, double, double)} on the features of {@code train}. */
    public static MinMaxScaler fit(Dataset train, double low, double high) {
        return fit(train.singleInput("MinMaxScaler.fit"), low, high);
    }

    /**
     * {@code low + (x - min) * (high - low) / (max - min)} per channel, a new array in the shape of
     * {@code features}.
     *
     * @throws IllegalArgumentException when the number of channels differs from the fitted one
     */
    public INDArray transform(INDArray features) {
        double[] scale = new double[min.length];
        double[] shift = new double[min.length];
        for (int c = 0; c < min.length; c++) {
            double range = max[c] - min[c];
            scale[c] = range == 0 ? 1 : (high - low) / range;
            shift[c] = low - min[c] * scale[c];
        }
        return Channels.affine("MinMaxScaler", features, scale, shift);
    }

    /** The dataset with scaled features and the same labels. */
    public Dataset transform(Dataset data) {
        return Dataset.of(transform(data.singleInput("MinMaxScaler.transform")), data.labels());
    }

    /** The fitted minimum of each channel. */
    public double[] min() {
        return min.clone();
    }

    /** The fitted maximum of each channel. */
    public double[] max() {
        return max.clone();
    }

    @Override
    public String toString() {
        return "MinMaxScaler[" + min.length + " channel(s) onto [" + low + ", " + high + "]]";
    }
}
