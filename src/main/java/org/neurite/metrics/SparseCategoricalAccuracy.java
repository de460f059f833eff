package org.neurite.metrics;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.ClassLabels;
import org.neurite.tensor.Native;

/**
 * The fraction of rows whose predicted class ({@code argmax(yPred)}) equals the integer label.
 * Ties go to the first class; a label that is not a class id simply never matches, as in Keras.
 * Default name {@code "sparse_categorical_accuracy"}.
 *
 * <p>Shapes: {@code yPred} {@code [N, K]} (or {@code [N, ..., K]}); {@code yTrue} class ids as
 * FLOAT, DOUBLE, INT or LONG values of shape {@code [N]} or {@code [N, 1]}.
 */
public final class SparseCategoricalAccuracy extends RateMetric {

    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** @param name the name reported in logs */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    public SparseCategoricalAccuracy fresh() {
        return new SparseCategoricalAccuracy(name());
    }

    @Override
    protected INDArray matches(INDArray yTrue, INDArray yPred) {
        long[] p = yPred.shape();
        if (p.length < 2 || !ClassLabels.fitsAsSparse(yTrue.shape(), p)) {
            throw new IllegalArgumentException(name() + ": yTrue shape " + Arrays.toString(yTrue.shape())
                    + " does not fit yPred shape " + Arrays.toString(p)
                    + "; expected integer labels of shape [N] or [N, 1] and predictions [N, numClasses]");
        }
        long[] outer = Arrays.copyOf(p, p.length - 1);
        INDArray labels = Native.cast(yTrue.reshape(outer), DataType.DOUBLE);
        return Native.call("equals", labels, argMax(yPred, p.length - 1))[0];
    }
}
