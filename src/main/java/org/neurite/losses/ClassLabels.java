package org.neurite.losses;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.shape.OneHot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Integer class labels ("sparse" targets): validation and one-hot encoding with ND4J ops, shared
 * by the sparse losses and the classification metrics.
 *
 * <p>Labels are class ids {@code 0 .. numClasses - 1} stored as FLOAT, DOUBLE, INT or LONG values.
 */
public final class ClassLabels {
    private ClassLabels() {
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
