package org.neurite.data;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Class labels, the one place that reads them: as one class id per example for datasets (integer
 * ids of shape {@code [n]} or {@code [n, 1]}, non-negative whole numbers, or one-hot rows of shape
 * {@code [n, k]}: only zeros and ones, exactly one 1 per row; anything else, such as regression
 * targets, is not class labels), and as "sparse" targets of a model output for the sparse losses
 * and the classification metrics (validation against the number of classes, one-hot encoding).
 */
public final class ClassLabels {
    private ClassLabels() {
    }

    /** The class id of each example, or null when {@code labels} are absent or not class labels. */
    public static int[] idsOrNull(INDArray labels) {
        Object parsed = parse(labels);
        return parsed instanceof int[] ids ? ids : null;
    }

    /**
     * The class id of each example.
     *
     * @param who the caller, for the message
     * @throws IllegalArgumentException saying why the labels are not class labels
     */
    public static int[] ids(INDArray labels, String who) {
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
        long[] ones = countPerRow(labels, Conditions.equals(1));
        long[] zeros = countPerRow(labels, Conditions.equals(0));
        long k = labels.size(1);
        for (int i = 0; i < ones.length; i++) {
            if (ones[i] != 1 || zeros[i] != k - 1) {
                return "labels " + Rows.shape(labels) + " are not one-hot: example " + i + " has " + ones[i]
                        + " ones and " + (k - ones[i] - zeros[i]) + " values other than 0 and 1";
            }
        }
        return labels.argMax(1).castTo(DataType.INT).toIntVector();
    }

    /** The number of values per row of {@code [n, k]}, {@code k > 1}, that satisfy {@code condition}. */
    private static long[] countPerRow(INDArray matrix, Condition condition) {
        return Nd4j.getExecutioner().exec(new MatchCondition(matrix, condition, 1)).toLongVector();
    }

    /**
     * Checks that every label is an integer in {@code [0, numClasses)}.
     *
     * @param owner the loss or metric named in the error message
     * @throws IllegalArgumentException naming {@code owner}, the first bad label, its (flat) index
     *                                  and the valid range
     */
    public static void validate(INDArray labels, long numClasses, String owner) {
        if (labels.isEmpty() || labels.length() == 0) {
            return;
        }
        INDArray flat = labels.reshape(labels.length());
        if (!flat.dataType().isFPType() && !flat.dataType().isIntType()) {
            throw new IllegalArgumentException(owner + ": labels must be integer class ids stored as FLOAT, DOUBLE, "
                    + "INT or LONG values, got " + flat.dataType());
        }
        if (flat.dataType().isFPType()) {
            INDArray fractional = Transforms.floor(flat, true).neq(flat);
            if (fractional.any()) {
                long at = Nd4j.argMax(fractional.castTo(DataType.INT)).getLong(0);
                throw new IllegalArgumentException(owner + ": label " + flat.getDouble(at) + " at index " + at
                        + " is not an integer class id in [0, " + numClasses + ")");
            }
        }
        double max = flat.maxNumber().doubleValue();
        double min = flat.minNumber().doubleValue();
        if (max >= numClasses || min < 0) {
            INDArray bad = max >= numClasses ? Nd4j.argMax(flat) : Nd4j.argMin(flat);
            long at = bad.getLong(0);
            throw new IllegalArgumentException(owner + ": label " + (long) flat.getDouble(at) + " at index " + at
                    + " is outside the valid range [0, " + numClasses + ") of the " + numClasses + " classes");
        }
    }

    /**
     * The one-hot encoding of {@code labels}: shape {@code labels.shape() + [numClasses]}, in
     * {@code type}. Labels are validated first.
     */
    public static INDArray oneHot(INDArray labels, long numClasses, DataType type, String owner) {
        validate(labels, numClasses, owner);
        INDArray flat = labels.reshape(labels.length());
        INDArray encoded = Nd4j.exec(new OneHot(flat, Math.toIntExact(numClasses), -1, 1.0, 0.0, type))[0];
        long[] shape = Arrays.copyOf(labels.shape(), labels.rank() + 1);
        shape[labels.rank()] = numClasses;
        return encoded.reshape(shape);
    }

    /**
     * Whether {@code labels} fits {@code yPred} as sparse labels: its shape is the prediction's
     * shape without the class axis ({@code [N]} for {@code [N, K]}), optionally with a trailing 1.
     */
    public static boolean fitsAsSparse(long[] labels, long[] yPred) {
        long[] outer = Arrays.copyOf(yPred, yPred.length - 1);
        if (Arrays.equals(labels, outer)) {
            return true;
        }
        return labels.length == yPred.length && labels[labels.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(labels, outer.length), outer);
    }
}
