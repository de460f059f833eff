package org.neurite.data.quality;

import java.util.HashSet;
import java.util.Set;

/**
 * Which rows of one dataset repeat an earlier row. A row is an exact duplicate when some earlier
 * row has identical features and an identical label; it is a conflicting duplicate when earlier
 * rows have identical features but none of them has its label (the same input, taught two
 * answers). The first occurrence of anything is neither. Identical is decided by {@link RowKeys}.
 */
final class Duplicates {
    private final boolean[] exact;
    private final boolean[] conflicting;
    private final long exactCount;
    private final long conflictingCount;

    private Duplicates(boolean[] exact, boolean[] conflicting) {
        this.exact = exact;
        this.conflicting = conflicting;
        this.exactCount = count(exact);
        this.conflictingCount = count(conflicting);
    }

    /**
     * The duplicates among rows described by {@code features} and {@code labels} (null when the
     * dataset has no labels: then every repeat of features is exact).
     */
    static Duplicates within(RowKeys features, RowKeys labels) {
        int n = features.rows();
        int[] featureFirst = features.firstOccurrence();
        int[] labelFirst = labels == null ? new int[n] : labels.firstOccurrence();
        boolean[] exact = new boolean[n];
        boolean[] conflicting = new boolean[n];
        Set<Long> pairs = new HashSet<>(n * 2);
        for (int row = 0; row < n; row++) {
            boolean newPair = pairs.add(((long) featureFirst[row] << 32) | labelFirst[row]);
            if (featureFirst[row] != row) {
                exact[row] = !newPair;
                conflicting[row] = newPair;
            }
        }
        return new Duplicates(exact, conflicting);
    }

    /** Whether row {@code row} repeats an earlier row's features and label. */
    boolean isExact(int row) {
        return exact[row];
    }

    /** The number of exact duplicates (rows that {@link Cleaning#dropDuplicates} removes). */
    long exactCount() {
        return exactCount;
    }

    /** The number of rows whose features repeat earlier rows with other labels. */
    long conflictingCount() {
        return conflictingCount;
    }

    private static long count(boolean[] flags) {
        long count = 0;
        for (boolean flag : flags) {
            if (flag) {
                count++;
            }
        }
        return count;
    }
}
