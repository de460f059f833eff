package org.neurite.preprocessing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.neurite.data.Rows;

/**
 * Standardises features to mean 0 and standard deviation 1 per channel, with statistics fitted on
 * training data and reused on test data (scikit-learn's {@code StandardScaler}).
 *
 * <pre>{@code
 * Standardizer standardizer = Standardizer.fit(train);      // statistics of train only
 * Dataset trainStd = standardizer.transform(train);
 * Dataset testStd = standardizer.transform(test);           // the same mean and std
 * }</pre>
 *
 * A channel is one position of the last axis: a column of tabular {@code [n, d]} features, a colour
 * channel of {@code [n, h, w, c]} images (add a channel axis to {@code [n, h, w]} grey images), the
 * single value of {@code [n]}. The standard deviation is the population one; a constant channel
 * (standard deviation 0) is only shifted, as in scikit-learn.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * The mean and standard deviation of each channel of {@code features}.
     *
     * @throws IllegalArgumentException when the features hold NaN or infinite values
     */
    public static Standardizer fit(INDArray features) {
        double[][] stats = Rows.detached(() -> {
            INDArray m = Channels.matrix(features);
            return new double[][] {Channels.doubles(m.mean(0)), Channels.doubles(m.std(false, 0))};
        });
        Channels.requireFinite("Standardizer", features, stats[0], stats[1]);
        return new Standardizer(stats[0], stats[1]);
    }

    /** {@link #fit(INDArray)} on the features of {@code train}. */
    public static Standardizer fit(Dataset train) {
        return fit(train.singleInput("Standardizer.fit"));
    }

    /**
     * {@code (x - mean) / std} per channel, a new array in the shape of {@code features}.
     *
     * @throws IllegalArgumentException when the number of channels differs from the fitted one
     */
    public INDArray transform(INDArray features) {
        double[] scale = new double[mean.length];
        double[] shift = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            scale[c] = std[c] == 0 ? 1 : 1 / std[c];
            shift[c] = -mean[c] * scale[c];
        }
        return Channels.affine("Standardizer", features, scale, shift);
    }

    /** The dataset with standardised features and the same labels. */
    public Dataset transform(Dataset data) {
        return Dataset.of(transform(data.singleInput("Standardizer.transform")), data.labels());
    }

    /** Undoes {@link #transform(INDArray)}: {@code x * std + mean} per channel. */
    public INDArray inverseTransform(INDArray standardized) {
        double[] scale = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            scale[c] = std[c] == 0 ? 1 : std[c];
        }
        return Channels.affine("Standardizer", standardized, scale, mean);
    }

    /** The fitted mean of each channel. */
    public double[] mean() {
        return mean.clone();
    }

    /** The fitted population standard deviation of each channel. */
    public double[] std() {
        return std.clone();
    }

    @Override
    public String toString() {
        return "Standardizer[" + mean.length + " channel(s)]";
    }
}
