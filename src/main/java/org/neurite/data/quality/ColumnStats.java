package org.neurite.data.quality;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.bool.MatchConditionTransform;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.neurite.data.Rows;

/**
 * Per-column statistics of an array {@code [n, ...]} seen as {@code [n, d]} (every feature position
 * of an image is a column), computed with ND4J reductions along the first axis. Minimum, maximum,
 * mean and population standard deviation use only the finite values; a column without any has NaN
 * there. NaN and infinity are counted per column and per row.
 */
record ColumnStats(long rows, long nanValues, long infValues, long nanRows, long infRows,
                   long[] nanPerColumn, long[] infPerColumn, long[] finiteCount,
                   double[] min, double[] max, double[] mean, double[] std) {

    /** The statistics of {@code x}. */
    static ColumnStats of(INDArray x) {
        return Rows.detached(() -> compute(matrix(x)));
    }

    /** {@code x} as {@code [n, d]}: {@code d} is the number of values per example. */
    static INDArray matrix(INDArray x) {
        long n = x.size(0);
        INDArray m = x.reshape('c', n, n == 0 ? 0 : x.length() / n);
        return m.isR() ? m : m.castTo(DataType.DOUBLE);
    }

    /** The number of values per row of {@code [n, d]} that satisfy {@code condition}. */
    static long[] countPerRow(INDArray matrix, Condition condition) {
        return countAlong(matrix, condition, 1);
    }

    /** The number of NaN or infinite values per row of {@code [n, d]}. */
    static long[] nonFinitePerRow(INDArray matrix) {
        if (!matrix.isR()) {
            return new long[(int) matrix.size(0)];
        }
        long[] nan = countPerRow(matrix, Conditions.isNan());
        long[] inf = countPerRow(matrix, Conditions.isInfinite());
        Arrays.setAll(nan, i -> nan[i] + inf[i]);
        return nan;
    }

    /**
     * Replaces NaN and infinite values of {@code a} in place by {@code value}. (In ND4J 1.0.0-M2.1
     * {@code replaceWhere} with {@code Conditions.notFinite()} leaves NaN in place, so this uses
     * {@code isNan} and {@code isInfinite}, which work.)
     */
    static INDArray replaceNonFinite(INDArray a, double value) {
        BooleanIndexing.replaceWhere(a, value, Conditions.isNan());
        BooleanIndexing.replaceWhere(a, value, Conditions.isInfinite());
        return a;
    }

    /** Per index of the other axis of {@code [n, d]}, the values along {@code axis} that satisfy {@code condition}. */
    private static long[] countAlong(INDArray m, Condition condition, int axis) {
        if (m.size(axis) == 1) {
            // ND4J 1.0.0-M2.1 fails on a reduction over an axis of length 1 ("Can't reshape ... empty shape")
            INDArray hits = Nd4j.getExecutioner().exec(new MatchConditionTransform(m, condition));
            return hits.castTo(DataType.LONG).reshape(m.length()).toLongVector();
        }
        return Nd4j.getExecutioner().exec(new MatchCondition(m, condition, axis)).toLongVector();
    }

    /** The number of columns {@code d}. */
    int columns() {
        return min.length;
    }

    /** The number of finite values in all columns. */
    long finiteValues() {
        return Arrays.stream(finiteCount).sum();
    }

    /** The smallest finite value, NaN when there is none. */
    double overallMin() {
        return Arrays.stream(min).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    /** The largest finite value, NaN when there is none. */
    double overallMax() {
        return Arrays.stream(max).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** The mean of all finite values, combined from the column means. */
    double overallMean() {
        double sum = 0;
        for (int c = 0; c < columns(); c++) {
            sum += finiteCount[c] == 0 ? 0 : finiteCount[c] * mean[c];
        }
        long count = finiteValues();
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The population standard deviation of all finite values, combined from the column statistics. */
    double overallStd() {
        double mu = overallMean();
        double sum = 0;
        for (int c = 0; c < columns(); c++) {
            if (finiteCount[c] > 0) {
                double shift = mean[c] - mu;
                sum += finiteCount[c] * (std[c] * std[c] + shift * shift);
            }
        }
        long count = finiteValues();
        return count == 0 ? Double.NaN : Math.sqrt(sum / count);
    }

    /** The median of the finite values of each column of {@code x} (NaN for a column without any). */
    static double[] medians(INDArray x) {
        INDArray m = matrix(x);
        boolean dbl = m.dataType() == DataType.DOUBLE;
        INDArray columns = Rows.detached(() -> m.transpose().castTo(dbl ? DataType.DOUBLE : DataType.FLOAT).dup('c'));
        int n = (int) columns.size(1);
        double[] medians = new double[(int) columns.size(0)];
        FloatBuffer floats = dbl ? null : columns.data().asNioFloat();
        DoubleBuffer doubles = dbl ? columns.data().asNioDouble() : null;
        float[] floatColumn = new float[n];
        double[] column = new double[n];
        for (int c = 0; c < medians.length; c++) {
            if (dbl) {
                doubles.get(c * n, column);
            } else {
                floats.get(c * n, floatColumn);
                Arrays.setAll(column, i -> floatColumn[i]);
            }
            int finite = 0;
            for (double v : column) {
                if (Double.isFinite(v)) {
                    column[finite++] = v;
                }
            }
            Arrays.sort(column, 0, finite);
            medians[c] = finite == 0 ? Double.NaN
                    : finite % 2 == 1 ? column[finite / 2] : (column[finite / 2 - 1] + column[finite / 2]) / 2;
        }
        columns.close();
        return medians;
    }

    private static ColumnStats compute(INDArray m) {
        long n = m.size(0);
        int d = (int) m.size(1);
        long nan = count(m, Conditions.isNan());
        long inf = count(m, Conditions.isInfinite());
        if (nan + inf == 0) {
            long[] all = new long[d];
            Arrays.fill(all, n);
            return new ColumnStats(n, 0, 0, 0, 0, new long[d], new long[d], all, doubles(m.min(0)),
                    doubles(m.max(0)), doubles(m.mean(0)), sqrt(doubles(m.var(false, 0))));
        }
        long[] nanPerColumn = perColumn(m, Conditions.isNan());
        long[] infPerColumn = perColumn(m, Conditions.isInfinite());
        long[] finite = new long[d];
        Arrays.setAll(finite, c -> n - nanPerColumn[c] - infPerColumn[c]);
        INDArray zeroed = replaced(m, 0);
        double[] mean = perFinite(doubles(zeroed.sum(0)), finite);
        zeroed.close();
        double[] shift = Arrays.stream(mean).map(v -> Double.isNaN(v) ? 0 : v).toArray();
        INDArray centred = m.subRowVector(Nd4j.createFromArray(shift).castTo(m.dataType()));
        replaceNonFinite(centred, 0);
        double[] var = perFinite(doubles(centred.muli(centred).sum(0)), finite);
        centred.close();
        INDArray high = replaced(m, Double.POSITIVE_INFINITY);
        double[] min = withoutEmpty(doubles(high.min(0)), finite);
        high.close();
        INDArray low = replaced(m, Double.NEGATIVE_INFINITY);
        double[] max = withoutEmpty(doubles(low.max(0)), finite);
        low.close();
        return new ColumnStats(n, nan, inf, countRows(m, Conditions.isNan()), countRows(m, Conditions.isInfinite()),
                nanPerColumn, infPerColumn, finite,
                min, max, mean, sqrt(var));
    }

    private static double[] perFinite(double[] sums, long[] finite) {
        double[] means = new double[sums.length];
        for (int c = 0; c < sums.length; c++) {
            means[c] = finite[c] == 0 ? Double.NaN : sums[c] / finite[c];
        }
        return means;
    }

    private static double[] sqrt(double[] variances) {
        return Arrays.stream(variances).map(Math::sqrt).toArray();
    }

    private static INDArray replaced(INDArray m, double value) {
        return replaceNonFinite(m.dup('c'), value);
    }

    private static double[] withoutEmpty(double[] values, long[] finite) {
        for (int c = 0; c < values.length; c++) {
            if (finite[c] == 0) {
                values[c] = Double.NaN;
            }
        }
        return values;
    }

    private static long count(INDArray m, Condition condition) {
        if (m.length() <= 1) {
            return Arrays.stream(countAlong(m, condition, 0)).sum();
        }
        return Nd4j.getExecutioner().exec(new MatchCondition(m, condition)).getLong(0);
    }

    private static long[] perColumn(INDArray m, Condition condition) {
        return countAlong(m, condition, 0);
    }

    private static long countRows(INDArray m, Condition condition) {
        return Arrays.stream(countPerRow(m, condition)).filter(c -> c > 0).count();
    }

    private static double[] doubles(INDArray v) {
        return v.castTo(DataType.DOUBLE).toDoubleVector();
    }
}
