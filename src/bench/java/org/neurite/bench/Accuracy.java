package org.neurite.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Classification accuracy from predicted class probabilities, computed the same way for both frameworks. */
final class Accuracy {
    private Accuracy() {
    }

    /**
     * The fraction of rows of {@code probabilities} {@code [n, k]} whose arg-max equals the class id in
     * {@code labels} {@code [n]}; with one column ({@code [n, 1]}, a sigmoid), the fraction whose
     * probability is above 0.5 exactly where the 0/1 label is 1.
     */
    static double of(INDArray probabilities, INDArray labels) {
        INDArray classes = probabilities.size(1) == 1 ? probabilities.reshape(probabilities.size(0)).gt(0.5)
                : probabilities.argMax(1);
        int[] predicted = classes.castTo(DataType.INT).toIntVector();
        int[] truth = labels.reshape(labels.length()).castTo(DataType.INT).toIntVector();
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return (double) right / truth.length;
    }
}
