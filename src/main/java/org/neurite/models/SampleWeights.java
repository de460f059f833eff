package org.neurite.models;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns Keras-style class weights into one weight per example of a batch: a look-up of each
 * integer label {@code [n]} or {@code [n, 1]}, a matrix product for one-hot (or soft) labels
 * {@code [n, k]}. A class without a weight weighs 1.0, as in Keras 3, so labels may hold classes
 * that the map leaves out; the map may also name classes that never occur.
 */
final class SampleWeights {
    private final Map<Integer, Double> classWeight;

    SampleWeights(Map<Integer, Double> classWeight) {
        this.classWeight = new TreeMap<>(checked(classWeight, "classWeight"));
    }

    /**
     * The map itself, after checking that every class id is {@code >= 0} and every weight a finite
     * number {@code >= 0}.
     *
     * @param who the caller, for the message
     * @throws IllegalArgumentException naming the first bad class and its weight
     */
    static Map<Integer, Double> checked(Map<Integer, Double> classWeight, String who) {
        if (classWeight == null) {
            throw new IllegalArgumentException(who + ": the class weights must not be null");
        }
        // a TreeMap rejects null keys, so look at the entries of the map as given
        for (Map.Entry<Integer, Double> e : classWeight.entrySet()) {
            Integer id = e.getKey();
            Double weight = e.getValue();
            if (id == null) {
                throw new IllegalArgumentException(who + ": a class weight " + weight + " has no class id (null)");
            }
            if (id < 0) {
                throw new IllegalArgumentException(who + ": class ids must be >= 0, got class " + id
                        + " (weight " + weight + ")");
            }
            if (weight == null || !(weight >= 0) || weight.isInfinite()) {
                throw new IllegalArgumentException(who + ": the weight of class " + id + " must be a finite number "
                        + ">= 0, got " + weight);
            }
        }
        return classWeight;
    }

    /**
     * Checks that {@code labels} can be weighed by class: integer class ids {@code [n]} or
     * {@code [n, 1]} (whole numbers from 0 to {@link Integer#MAX_VALUE}), or rows {@code [n, k]}.
     *
     * @param who the caller, for the message
     * @throws IllegalArgumentException naming the first bad label, its example and its value
     */
    static void checkLabels(INDArray labels, String who) {
        if (labels == null) {
            throw new IllegalArgumentException(who + ": classWeight needs labels, but the data has none");
        }
        if (labels.rank() == 0 || labels.rank() > 2) {
            throw new IllegalArgumentException(who + ": classWeight needs labels [n] or [n, 1] (class ids) or "
                    + "[n, k] (one-hot), got " + Arrays.toString(labels.shape())
                    + " (class weights are not supported for 3+ dimensional targets)");
        }
        if (labels.rank() == 2 && labels.size(1) > 1) {
            return;
        }
        double[] ids = labels.reshape(labels.length()).castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < ids.length; i++) {
            if (!isClassId(ids[i])) {
                throw badLabel(who, i, ids[i]);
            }
        }
    }

    /** Per-example weights {@code [n]} for the labels of a batch, which {@link #checkLabels} accepts. */
    INDArray of(INDArray labels) {
        DataType type = labels.dataType().isFPType() ? labels.dataType() : DataType.FLOAT;
        long n = labels.size(0);
        if (labels.rank() == 2 && labels.size(1) > 1) {
            double[] table = new double[(int) labels.size(1)];
            for (int c = 0; c < table.length; c++) {
                table[c] = weight(c);
            }
            INDArray column = Nd4j.createFromArray(table).castTo(type).reshape(table.length, 1);
            return labels.castTo(type).mmul(column).reshape(n);
        }
        double[] ids = labels.reshape(n).castTo(DataType.DOUBLE).toDoubleVector();
        double[] weights = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (!isClassId(ids[i])) {
                throw badLabel("classWeight", i, ids[i]);   // trainOnBatch-style use without checkLabels
            }
            weights[i] = weight((int) ids[i]);
        }
        return Nd4j.createFromArray(weights).castTo(type);
    }

    /**
     * The training rows' part of {@code Fit.sampleWeight}: the first {@code trainRows} of
     * {@code weights} (the rest go with the validation split), after checking that there is one
     * finite weight {@code >= 0} per example. Null for null.
     *
     * @throws IllegalArgumentException naming the model, both shapes, or the first bad weight
     */
    static INDArray rows(INDArray weights, long examples, long trainRows, String model) {
        if (weights == null) {
            return null;
        }
        if (weights.rank() > 2 || weights.length() != examples || weights.rank() == 2 && weights.size(1) != 1) {
            throw new IllegalArgumentException(model + ".fit: sampleWeight needs one weight per example, [" + examples
                    + "] or [" + examples + ", 1], got " + Arrays.toString(weights.shape()));
        }
        double[] w = weights.reshape(examples).castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException(model + ".fit: sampleWeight of example " + i
                        + " must be a finite number >= 0, got " + w[i]);
            }
        }
        return Nd4j.createFromArray(Arrays.copyOf(w, (int) trainRows)).castTo(DataType.FLOAT);
    }

    /**
     * The weights of a batch's examples: its sample weights times its class weights; either
     * alone when the other is absent, null when both are. A new array unless one of them is
     * missing and the other is {@code sampleWeight} itself.
     */
    static INDArray combine(INDArray sampleWeight, SampleWeights classWeights, INDArray labels) {
        if (classWeights == null) {
            return sampleWeight;
        }
        INDArray byClass = classWeights.of(labels);
        if (sampleWeight == null) {
            return byClass;
        }
        return byClass.muli(sampleWeight.reshape(byClass.length()).castTo(byClass.dataType()));
    }

    /** The weight of class {@code id}: its entry in the map, or 1.0 when the map leaves it out. */
    double weight(int id) {
        return classWeight.getOrDefault(id, 1.0);
    }

    private static boolean isClassId(double v) {
        return v >= 0 && v <= Integer.MAX_VALUE && v == Math.rint(v);
    }

    private static IllegalArgumentException badLabel(String who, int example, double value) {
        String what = Double.isNaN(value) || Double.isInfinite(value) ? "is not a number" : value < 0 ? "is negative"
                : value != Math.rint(value) ? "is not a whole number" : "is beyond the largest class id "
                + Integer.MAX_VALUE;
        return new IllegalArgumentException(who + ": classWeight needs integer class ids >= 0 as labels, but the "
                + "label of example " + example + " is class " + value + ", which " + what);
    }
}
