package org.neurite.models;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Native;

/**
 * Turns Keras-style class weights into one weight per example of a batch: a gather for integer
 * labels, a matrix product for one-hot labels, a blend for binary labels.
 */
final class SampleWeights {
    private final double[] table;

    SampleWeights(Map<Integer, Double> classWeight) {
        int classes = classWeight.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        if (classWeight.keySet().stream().anyMatch(k -> k < 0)) {
            throw new IllegalArgumentException("class weights need class ids >= 0, got " + classWeight.keySet());
        }
        table = new double[Math.max(classes, 2)];
        java.util.Arrays.fill(table, 1.0);
        classWeight.forEach((k, v) -> table[k] = v);
    }

    /** Per-example weights {@code [n]} for the labels of a batch. */
    INDArray of(INDArray labels) {
        INDArray weights = Nd4j.createFromArray(table).castTo(labels.dataType());
        if (labels.rank() == 2 && labels.size(1) > 1) {
            return labels.mmul(weights.reshape(weights.length(), 1)).reshape(labels.size(0));
        }
        INDArray ids = labels.reshape(labels.size(0)).castTo(DataType.INT);
        return Native.call("gather", new INDArray[]{weights, ids}, new long[]{0}, null, null)[0];
    }
}
