package org.neurite.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Reads labels as one class id per example: integer ids of shape {@code [n]} or {@code [n, 1]}
 * (non-negative, whole numbers), or one-hot rows of shape {@code [n, k]} (only zeros and ones,
 * exactly one 1 per row). Anything else, such as regression targets, is not class labels.
 */
final class ClassLabels {
    private ClassLabels() {
    }

    /** The class id of each example, or null when {@code labels} are absent or not class labels. */
    static int[] idsOrNull(INDArray labels) {
        Object parsed = parse(labels);
        return parsed instanceof int[] ids ? ids : null;
    }

    /**
     * The class id of each example.
     *
     * @param who the caller, for the message
     * @throws IllegalArgumentException saying why the labels are not class labels
     */
    static int[] ids(INDArray labels, String who) {
        Object parsed = parse(labels);
        if (parsed instanceof int[] ids) {
            return ids;
        }
        throw new IllegalArgumentException(who + " needs class labels: integer ids of shape [n] or [n, 1], or "
                + "one-hot rows [n, k]; " + parsed);
    }

    /** The ids, or a String saying why there are none. */
    private static Object parse(INDArray labels) {
        if (labels == null) {
            return "the dataset has no labels";
        }
        long n = labels.size(0);
        if (labels.rank() == 1 || labels.rank() == 2 && labels.size(1) == 1) {
            double[] values = Rows.detached(() -> labels.reshape(n).castTo(DataType.DOUBLE)).toDoubleVector();
            int[] ids = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!(v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v))) {
                    return "found " + v + " at example " + i + " in labels " + Rows.shape(labels);
                }
                ids[i] = (int) v;
            }
            return ids;
        }
        if (labels.rank() != 2) {
            return "found labels " + Rows.shape(labels);
        }
        return Rows.detached(() -> oneHot(labels));
    }

    private static Object oneHot(INDArray labels) {
        long[] ones = ColumnStats.countPerRow(labels, Conditions.equals(1));
        long[] zeros = ColumnStats.countPerRow(labels, Conditions.equals(0));
        long k = labels.size(1);
        for (int i = 0; i < ones.length; i++) {
            if (ones[i] != 1 || zeros[i] != k - 1) {
                return "labels " + Rows.shape(labels) + " are not one-hot: example " + i + " has " + ones[i]
                        + " ones and " + (k - ones[i] - zeros[i]) + " values other than 0 and 1";
            }
        }
        return labels.argMax(1).castTo(DataType.INT).toIntVector();
    }
}
