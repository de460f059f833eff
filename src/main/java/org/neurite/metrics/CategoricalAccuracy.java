package org.neurite.metrics;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;

/**
 * The fraction of rows whose predicted class ({@code argmax(yPred)}) is the target's
 * ({@code argmax(yTrue)}, for one-hot targets). Ties go to the first class, as in Keras.
 * Default name {@code "categorical_accuracy"}.
 *
 * <p>Shapes: {@code yTrue} and {@code yPred} both {@code [N, K]} (or {@code [N, ..., K]}; every
 * row counts once).
 */
public final class CategoricalAccuracy extends RateMetric {

    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** @param name the name reported in logs */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    public CategoricalAccuracy fresh() {
        return new CategoricalAccuracy(name());
    }

    @Override
    protected INDArray matches(INDArray yTrue, INDArray yPred) {
        if (yPred.rank() < 2 || !Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException(name() + ": yTrue shape " + Arrays.toString(yTrue.shape())
                    + " does not match yPred shape " + Arrays.toString(yPred.shape())
                    + "; expected one-hot targets and predictions of shape [N, numClasses]"
                    + " (sparse_categorical_accuracy takes integer labels)");
        }
        int classAxis = yPred.rank() - 1;
        return Native.call("equals", argMax(yTrue, classAxis), argMax(yPred, classAxis))[0];
    }
}
