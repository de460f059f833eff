package org.neurite.preprocessing;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Indices;
import org.neurite.data.Rows;

/**
 * One-hot encoding of integer class ids, like Keras's {@code to_categorical}.
 *
 * <pre>{@code
 * INDArray y = OneHot.encode(Nd4j.createFromArray(2f, 0f, 1f), 3);   // FLOAT [[0,0,1], [1,0,0], [0,1,0]]
 * INDArray ids = OneHot.decode(y);                                    // FLOAT [2, 0, 1]
 * }</pre>
 */
public final class OneHot {
    private static final int LISTED = 5;

    private OneHot() {
    }

    /**
     * The one-hot rows of {@code ids}.
     *
     * @param ids class ids, whole numbers in {@code [0, numClasses)}, shape {@code [n]} or {@code [n, 1]}
     * @return FLOAT {@code [n, numClasses]}, outside every workspace
     * @throws IllegalArgumentException naming the first bad ids and their rows
     */
    public static INDArray encode(INDArray ids, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("OneHot.encode: numClasses must be at least 1, got " + numClasses);
        }
        if (ids == null || !(ids.rank() == 1 || ids.rank() == 2 && ids.size(1) == 1)) {
            throw new IllegalArgumentException("OneHot.encode: ids must have shape [n] or [n, 1], got "
                    + Rows.shape(ids));
        }
        int n = Indices.rows(ids.size(0));
        if ((long) n * numClasses > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("OneHot.encode: " + n + " x " + numClasses + " is too large for one array");
        }
        double[] values = Rows.detached(() -> ids.reshape(n).castTo(DataType.DOUBLE)).toDoubleVector();
        float[] flat = new float[n * numClasses];
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        for (int row = 0; row < n; row++) {
            double id = values[row];
            if (id >= 0 && id < numClasses && id == Math.rint(id)) {
                flat[row * numClasses + (int) id] = 1f;
            } else if (badCount++ < LISTED) {
                bad.add(id + " at row " + row);
            }
        }
        if (badCount > 0) {
            throw new IllegalArgumentException("OneHot.encode: ids must be whole numbers in 0.." + (numClasses - 1)
                    + ", found " + String.join(", ", bad) + (badCount > LISTED ? ", ..." : "") + " (" + badCount
                    + " bad of " + n + ")");
        }
        return Rows.detached(() -> n == 0 ? Nd4j.create(DataType.FLOAT, 0, numClasses)
                : Nd4j.createFromArray(flat).reshape(n, numClasses));
    }

    /** The class id of each one-hot (or probability) row: the index of its largest value, FLOAT {@code [n]}. */
    public static INDArray decode(INDArray oneHot) {
        if (oneHot == null || oneHot.rank() != 2) {
            throw new IllegalArgumentException("OneHot.decode: expected rows of shape [n, k], got " + Rows.shape(oneHot));
        }
        return Rows.detached(() -> oneHot.argMax(1).castTo(DataType.FLOAT));
    }
}
