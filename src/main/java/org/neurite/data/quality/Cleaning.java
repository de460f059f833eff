package org.neurite.data.quality;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.neurite.data.Dataset;
import org.neurite.data.Rows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleaning steps that return a new {@link Dataset} and say what they changed (a {@link Cleaned},
 * whose description is also logged at INFO). The input is never modified.
 *
 * <pre>{@code
 * Dataset train = Cleaning.dropDuplicates(Cleaning.dropMissing(raw).dataset()).dataset();
 * double[] fill = Cleaning.imputationValues(train, Cleaning.Strategy.MEDIAN);  // fitted on train
 * Dataset test = Cleaning.imputeMissing(rawTest, fill).dataset();             // reused on test
 * test = Cleaning.dropLeaked(train, test).dataset();
 * }</pre>
 *
 * A "column" is one value per example: features {@code [n, ...]} are read as {@code [n, d]}.
 * Missing means NaN; infinite values are treated the same way. Rows are identical when every
 * value is numerically equal (NaN counting as equal to NaN).
 */
public final class Cleaning {
    /** How {@link #imputationValues} fills a column. */
    public enum Strategy {
        /** The mean of the column's finite values. */
        MEAN,
        /** The median of the column's finite values (the mean of the middle two for an even count). */
        MEDIAN,
        /** Zero. */
        ZERO
    }

    private static final Logger LOG = LoggerFactory.getLogger(Cleaning.class);

    private Cleaning() {
    }

    /**
     * Removes the examples with a NaN or infinite value in their features or their label.
     *
     * @throws IllegalArgumentException when every example has one (a dataset cannot be empty)
     */
    public static Cleaned dropMissing(Dataset data) {
        long[] bad = ColumnStats.nonFinitePerRow(ColumnStats.matrix(data.singleInput("Cleaning.dropMissing")));
        if (data.hasLabels()) {
            long[] badLabels = ColumnStats.nonFinitePerRow(ColumnStats.matrix(data.labels()));
            Arrays.setAll(bad, i -> bad[i] + badLabels[i]);
        }
        int[] keep = IntStream.range(0, bad.length).filter(i -> bad[i] == 0).toArray();
        return keep("dropMissing", data, keep, "with a NaN or infinite feature or label");
    }

    /**
     * The value per column that {@link #imputeMissing(Dataset, double[])} fills in, computed from
     * the finite values of {@code fitOn} (usually the training set). A column without a finite
     * value gets 0.
     *
     * @return one value per column, {@code d} of them
     */
    public static double[] imputationValues(Dataset fitOn, Strategy strategy) {
        int d = (int) (fitOn.singleInput("Cleaning.imputationValues").length() / fitOn.size());
        double[] values = switch (strategy) {
            case ZERO -> new double[d];
            case MEAN -> ColumnStats.of(fitOn.features()).mean();
            case MEDIAN -> ColumnStats.medians(fitOn.features());
        };
        return Arrays.stream(values).map(v -> Double.isNaN(v) ? 0 : v).toArray();
    }

    /** Replaces each NaN or infinite feature by its column's value fitted on {@code data} itself. */
    public static Cleaned imputeMissing(Dataset data, Strategy strategy) {
        return imputeMissing(data, imputationValues(data, strategy));
    }

    /**
     * Replaces each NaN or infinite feature by {@code values[column]}, typically values fitted on
     * the training set with {@link #imputationValues}. Labels are left as they are.
     *
     * @throws IllegalArgumentException when {@code values} does not have one finite value per column
     */
    public static Cleaned imputeMissing(Dataset data, double[] values) {
        INDArray features = data.singleInput("Cleaning.imputeMissing");
        int d = (int) (features.length() / data.size());
        if (values.length != d) {
            throw new IllegalArgumentException("imputeMissing: features " + Rows.shape(features) + " have " + d
                    + " columns, but " + values.length + " imputation values were given");
        }
        for (int c = 0; c < d; c++) {
            if (!Double.isFinite(values[c])) {
                throw new IllegalArgumentException("imputeMissing: the value for column " + c + " is " + values[c]
                        + ", expected a finite number");
            }
        }
        ColumnStats stats = ColumnStats.of(features);
        long missing = stats.nanValues() + stats.infValues();
        if (missing == 0) {
            return report(new Cleaned(data, 0, 0, "imputeMissing: no NaN or infinite values in "
                    + data.size() + " rows, nothing changed"));
        }
        INDArray filled = Rows.detached(() -> {
            INDArray m = ColumnStats.matrix(features).dup('c');
            INDArray fill = Nd4j.zerosLike(m).addiRowVector(Nd4j.createFromArray(values).castTo(m.dataType()));
            m.replaceWhere(fill, Conditions.isNan());
            m.replaceWhere(fill, Conditions.isInfinite());
            fill.close();
            return m.reshape(features.shape());
        });
        long columns = IntStream.range(0, d).filter(c -> stats.nanPerColumn()[c] + stats.infPerColumn()[c] > 0).count();
        return report(new Cleaned(Dataset.of(filled, data.labels()), 0, missing, "imputeMissing: replaced " + missing
                + " values (" + stats.nanValues() + " NaN, " + stats.infValues() + " infinite) in " + columns + " of "
                + d + " columns of " + data.size() + " rows"));
    }

    /**
     * Removes every example whose features and label both repeat an earlier example, keeping the
     * first occurrence. Examples with repeated features but another label are kept (and counted
     * in the description).
     */
    public static Cleaned dropDuplicates(Dataset data) {
        Duplicates duplicates = Duplicates.within(RowKeys.of(data.singleInput("Cleaning.dropDuplicates")), RowKeys.of(data.labels()));
        int[] keep = IntStream.range(0, (int) data.size()).filter(i -> !duplicates.isExact(i)).toArray();
        String kept = duplicates.conflictingCount() == 0 ? "that repeat an earlier row"
                : "that repeat an earlier row; kept " + duplicates.conflictingCount()
                + " rows whose features repeat with another label";
        return keep("dropDuplicates", data, keep, kept);
    }

    /**
     * Returns {@code test} without the examples whose features occur exactly in {@code train}
     * (whatever their labels), so that a test score measures generalisation.
     *
     * @throws IllegalArgumentException when the shapes differ or every test example occurs in train
     */
    public static Cleaned dropLeaked(Dataset train, Dataset test) {
        long[] a = train.singleInput("Cleaning.dropLeaked").shape();
        long[] b = test.singleInput("Cleaning.dropLeaked").shape();
        if (!Arrays.equals(Arrays.copyOfRange(a, 1, a.length), Arrays.copyOfRange(b, 1, b.length))) {
            throw new IllegalArgumentException("dropLeaked: train and test features must have the same shape "
                    + "per example, got " + Rows.shape(train.features()) + " and " + Rows.shape(test.features()));
        }
        int[] match = RowKeys.of(train.features()).lookup(RowKeys.of(test.features()));
        int[] keep = IntStream.range(0, match.length).filter(i -> match[i] < 0).toArray();
        return keep("dropLeaked", test, keep, "whose features also occur in the training set");
    }

    private static Cleaned keep(String step, Dataset data, int[] keep, String why) {
        long removed = data.size() - keep.length;
        if (keep.length == 0) {
            throw new IllegalArgumentException(step + ": all " + data.size() + " rows would be removed (rows "
                    + why + "), but a dataset needs at least one example");
        }
        Dataset result = removed == 0 ? data : data.subset(keep);
        return report(new Cleaned(result, removed, 0, step + ": removed " + removed + " of " + data.size()
                + " rows " + why));
    }

    private static Cleaned report(Cleaned cleaned) {
        LOG.info("{}", cleaned.description());
        return cleaned;
    }
}
