package org.neurite.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;

/**
 * The pass over the data before training: reads every row, counts them, and fails on the first
 * bad row naming its partition and its index within the partition (the frame's own partitions),
 * so a bad row never stops a run half-way.
 */
final class RowCheck {
    private RowCheck() {
    }

    /**
     * The number of rows of {@code rows}, each readable by {@code read}.
     *
     * @throws IllegalArgumentException "row i of partition p: ..." for the first bad row found
     */
    static <T> long count(JavaRDD<T> rows, Function<T, Example> read) {
        List<Partition> found = rows.mapPartitionsWithIndex((Integer p, Iterator<T> it) -> {
            long i = 0;
            try {
                for (; it.hasNext(); i++) {
                    read.call(it.next());
                }
            } catch (IllegalArgumentException e) {
                return List.of(new Partition(i, "row " + i + " of partition " + p + ": " + e.getMessage())).iterator();
            }
            return List.of(new Partition(i, null)).iterator();
        }, true).collect();
        List<String> problems = found.stream().map(Partition::problem).filter(Objects::nonNull).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("SparkTrainer: bad training data, nothing was trained: " + problems.get(0)
                    + (problems.size() > 1 ? " (and bad rows in " + (problems.size() - 1) + " more partitions)" : ""));
        }
        return found.stream().mapToLong(Partition::rows).sum();
    }

    /** A partition's row count, or the first bad row found in it. */
    private record Partition(long rows, String problem) implements Serializable {
    }
}
