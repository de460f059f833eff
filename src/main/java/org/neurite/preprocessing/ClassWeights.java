package org.neurite.preprocessing;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.ClassLabels;
import org.neurite.data.Dataset;

/**
 * Class weights that make every class count as much in a loss, for imbalanced data.
 *
 * <pre>{@code
 * Map<Integer, Double> weights = ClassWeights.balanced(train);   // {0=0.625, 1=2.5} for 40 + 10 examples
 * }</pre>
 */
public final class ClassWeights {
    private ClassWeights() {
    }

    /**
     * The "balanced" weights of Keras and scikit-learn: {@code n / (k * count(c))} for each class
     * {@code c} that occurs, where {@code n} is the number of examples and {@code k} the number of
     * classes that occur. Labels are integer ids {@code [n]} or {@code [n, 1]}, or one-hot {@code [n, k]}.
     *
     * @return weight per class id, ascending by id (unmodifiable)
     * @throws IllegalArgumentException when the dataset has no labels or they are not class labels
     */
    public static Map<Integer, Double> balanced(Dataset data) {
        return balanced(data.labels());
    }

    /** {@link #balanced(Dataset)} for labels given as an array {@code [n]}, {@code [n, 1]} or {@code [n, k]}. */
    public static Map<Integer, Double> balanced(INDArray labels) {
        int[] ids = ClassLabels.ids(labels, "ClassWeights.balanced");
        Map<Integer, Long> counts = new TreeMap<>();
        for (int id : ids) {
            counts.merge(id, 1L, Long::sum);
        }
        Map<Integer, Double> weights = new TreeMap<>();
        double classes = counts.size();
        counts.forEach((id, count) -> weights.put(id, ids.length / (classes * count)));
        return Collections.unmodifiableMap(weights);
    }
}
