package org.neurite.data.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.ClassLabels;
import org.neurite.data.Dataset;
import org.neurite.data.Rows;

/**
 * The data-quality numbers of one dataset, as collected by {@link DataReport}. A "column" is one
 * feature position: a column of {@code [n, d]} tabular features, or one pixel of {@code [n, h, w, c]}
 * images (features are read as {@code [n, d]} with {@code d} values per example). Value statistics
 * use only finite values; the standard deviation is the population one.
 */
public final class SplitReport {
    private final String name;
    private final long[] featureShape;
    private final String features;
    private final String labels;
    private final ColumnStats stats;
    private final long missingLabelRows;
    private final List<Integer> constantColumns;
    private final Map<Integer, Long> classCounts;
    private final long duplicateRows;
    private final long conflictingLabelRows;
    private final List<String> columnNames;

    private SplitReport(String name, Dataset data, Duplicates duplicates, List<String> columnNames) {
        this.name = name;
        this.columnNames = columnNames == null ? null : List.copyOf(columnNames);
        this.featureShape = data.features().shape();
        this.features = Rows.shape(data.features());
        this.labels = Rows.shape(data.labels());
        this.stats = ColumnStats.of(data.features());
        this.missingLabelRows = data.hasLabels() ? missingRows(data.labels()) : 0;
        List<Integer> constant = new ArrayList<>();
        for (int c = 0; c < stats.columns(); c++) {
            if (stats.finiteCount()[c] > 0 && stats.min()[c] == stats.max()[c]) {
                constant.add(c);
            }
        }
        this.constantColumns = Collections.unmodifiableList(constant);
        Map<Integer, Long> counts = new TreeMap<>();
        int[] ids = ClassLabels.idsOrNull(data.labels());
        if (ids != null) {
            for (int id : ids) {
                counts.merge(id, 1L, Long::sum);
            }
        }
        this.classCounts = Collections.unmodifiableMap(counts);
        this.duplicateRows = duplicates.exactCount();
        this.conflictingLabelRows = duplicates.conflictingCount();
    }

    /** The report of {@code data}, whose rows are already keyed by {@code featureKeys}. */
    static SplitReport of(String name, Dataset data, RowKeys featureKeys) {
        return of(name, data, featureKeys, null);
    }

    /** Like {@link #of(String, Dataset, RowKeys)} with a name per feature column (null: none). */
    static SplitReport of(String name, Dataset data, RowKeys featureKeys, List<String> columnNames) {
        Duplicates duplicates = Duplicates.within(featureKeys, RowKeys.of(data.labels()));
        return new SplitReport(name, data, duplicates, columnNames);
    }

    /**
     * The name of each feature column (for data loaded from CSV, {@link Csv.Loaded#featureNames()}),
     * or an empty list when the columns are known by their positions only.
     */
    public List<String> columnNames() {
        return columnNames == null ? List.of() : columnNames;
    }

    /** The rows whose labels hold NaN or infinity. */
    static long missingRows(INDArray labels) {
        long[] perRow = ColumnStats.nonFinitePerRow(ColumnStats.matrix(labels));
        return Arrays.stream(perRow).filter(c -> c > 0).count();
    }

    /** The name in the table: {@code "data"}, {@code "train"} or {@code "test"}. */
    public String name() {
        return name;
    }

    /** The number of examples. */
    public long size() {
        return featureShape[0];
    }

    /** The features' shape, {@code [n, ...]}. */
    public long[] featureShape() {
        return featureShape.clone();
    }

    /** Whether the features are tabular, {@code [n, d]}: then the table shows columns one by one. */
    public boolean isTabular() {
        return featureShape.length == 2;
    }

    /** The features' type and shape, such as {@code "FLOAT [60000, 28, 28, 1]"}. */
    public String featureDescription() {
        return features;
    }

    /** The labels' type and shape, or {@code "none"}. */
    public String labelDescription() {
        return labels;
    }

    /** NaN feature values in all. */
    public long nanValues() {
        return stats.nanValues();
    }

    /** Examples with at least one NaN feature. */
    public long nanRows() {
        return stats.nanRows();
    }

    /** Infinite feature values in all. */
    public long infValues() {
        return stats.infValues();
    }

    /** Examples with at least one infinite feature. */
    public long infRows() {
        return stats.infRows();
    }

    /** NaN values in each column. */
    public long[] nanPerColumn() {
        return stats.nanPerColumn().clone();
    }

    /** Infinite values in each column. */
    public long[] infPerColumn() {
        return stats.infPerColumn().clone();
    }

    /** Examples whose label holds NaN or infinity. */
    public long missingLabelRows() {
        return missingLabelRows;
    }

    /** The columns whose finite values are all equal (zero variance), ascending. */
    public List<Integer> constantColumns() {
        return constantColumns;
    }

    /** Examples per class id, ascending by id; empty when the labels are not class labels. */
    public Map<Integer, Long> classCounts() {
        return classCounts;
    }

    /** The share of the examples in each class, ascending by id. */
    public Map<Integer, Double> classFractions() {
        Map<Integer, Double> fractions = new LinkedHashMap<>();
        classCounts.forEach((id, count) -> fractions.put(id, count / (double) size()));
        return Collections.unmodifiableMap(fractions);
    }

    /** The largest class count over the smallest; NaN without class labels. */
    public double imbalanceRatio() {
        if (classCounts.isEmpty()) {
            return Double.NaN;
        }
        long max = Collections.max(classCounts.values());
        long min = Collections.min(classCounts.values());
        return max / (double) min;
    }

    /** Rows whose features and label both repeat an earlier row (what {@link Cleaning#dropDuplicates} removes). */
    public long duplicateRows() {
        return duplicateRows;
    }

    /** Rows whose features repeat earlier rows, none of which has the same label. */
    public long conflictingLabelRows() {
        return conflictingLabelRows;
    }

    /** The smallest finite feature value (NaN when there is none). */
    public double min() {
        return stats.overallMin();
    }

    /** The largest finite feature value. */
    public double max() {
        return stats.overallMax();
    }

    /** The mean of the finite feature values. */
    public double mean() {
        return stats.overallMean();
    }

    /** The population standard deviation of the finite feature values. */
    public double std() {
        return stats.overallStd();
    }

    /** Per column: the smallest finite value. */
    public double[] columnMin() {
        return stats.min().clone();
    }

    /** Per column: the largest finite value. */
    public double[] columnMax() {
        return stats.max().clone();
    }

    /** Per column: the mean of the finite values. */
    public double[] columnMean() {
        return stats.mean().clone();
    }

    /** Per column: the population standard deviation of the finite values. */
    public double[] columnStd() {
        return stats.std().clone();
    }

    @Override
    public String toString() {
        return "SplitReport[" + name + ": " + size() + " examples, features " + features + "]";
    }
}
