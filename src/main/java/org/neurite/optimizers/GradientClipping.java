package org.neurite.optimizers;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Tensor;

/**
 * Keras's three gradient-clipping options, of which at most one is set (0 means off):
 * <pre>
 * clipnorm:         g = g * clipnorm / max(||g||, clipnorm)                  per parameter
 * global_clipnorm:  g = g * global_clipnorm * min(1 / N, 1 / global_clipnorm) where N = sqrt(sum ||g_i||^2)
 * clipvalue:        g = min(max(g, -clipvalue), clipvalue)
 * </pre>
 * A non-finite global norm makes every gradient NaN, as in Keras.
 */
final class GradientClipping {
    static final String[] KEYS = {"clipnorm", "global_clipnorm", "clipvalue"};

    private final double[] values = new double[KEYS.length];

    /** The option {@code key}, 0 when off. */
    double get(String key) {
        return values[index(key)];
    }

    /** Sets option {@code key} (already checked to be finite and >= 0); another set option is an error. */
    void set(String owner, String key, double value) {
        int i = index(key);
        for (int j = 0; j < KEYS.length; j++) {
            if (value > 0 && j != i && values[j] > 0) {
                throw new IllegalArgumentException(owner + ": only one of clipnorm, global_clipnorm and clipvalue "
                        + "can be set; " + KEYS[j] + " is already " + values[j] + ", cannot also set " + key);
            }
        }
        values[i] = value;
    }

    /** The factor for every gradient of this step under global_clipnorm; 1 when it is off. */
    double globalScale(List<Tensor> parameters) {
        double clip = values[1];
        if (clip == 0) {
            return 1.0;
        }
        double squares = 0;
        for (Tensor p : parameters) {
            if (p.grad() != null) {
                double n = p.grad().norm2Number().doubleValue();
                squares += n * n;
            }
        }
        double norm = Math.sqrt(squares);
        return clip * Math.min(1.0 / norm, 1.0 / clip) + (norm - norm);
    }

    /**
     * The gradient to use for {@code param}: {@code grad} itself when nothing applies, otherwise a
     * clipped copy (converted to the parameter's type) in the state's "gradient" scratch buffer.
     */
    INDArray apply(INDArray param, INDArray grad, ParameterState state, double globalScale) {
        double scale = globalScale;
        if (values[0] > 0) {
            scale = values[0] / Math.max(grad.norm2Number().doubleValue(), values[0]);
        }
        double clipValue = values[2];
        if (scale == 1.0 && clipValue == 0 && grad.dataType() == param.dataType()) {
            return grad;
        }
        INDArray g = state.scratch("gradient");
        g.assign(grad);
        if (Double.isNaN(scale)) {
            g.assign(Double.NaN);            // ND4J's muli(NaN) leaves the array unchanged
        } else if (scale != 1.0) {
            g.muli(scale);
        }
        if (clipValue > 0) {
            InPlace.clip(g, -clipValue, clipValue);
        }
        return g;
    }

    private static int index(String key) {
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a clipping option: " + key);
    }
}
