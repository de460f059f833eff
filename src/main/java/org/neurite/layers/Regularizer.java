package org.neurite.layers;

import java.util.LinkedHashMap;
import java.util.Map;

import org.neurite.tensor.Tensor;

/**
 * A weight penalty added to the loss: {@code l1 * sum(|w|) + l2 * sum(w^2)}, as Keras's
 * {@code L1}, {@code L2} and {@code L1L2} regularizers.
 */
public final class Regularizer {
    private final double l1;
    private final double l2;

    private Regularizer(double l1, double l2) {
        if (l1 < 0 || l2 < 0) {
            throw new IllegalArgumentException("regularizer factors must be non-negative, got l1=" + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** Keras {@code L1(l1)}; Keras's default factor is 0.01. */
    public static Regularizer l1(double l1) {
        return new Regularizer(l1, 0);
    }

    /** Keras {@code L2(l2)}; Keras's default factor is 0.01. */
    public static Regularizer l2(double l2) {
        return new Regularizer(0, l2);
    }

    public static Regularizer l1l2(double l1, double l2) {
        return new Regularizer(l1, l2);
    }

    /** The penalty for {@code w}, a scalar tensor. */
    public Tensor penalty(Tensor w) {
        Tensor p = null;
        if (l1 > 0) {
            p = w.abs().sum().mul(l1);
        }
        if (l2 > 0) {
            Tensor sq = w.mul(w).sum().mul(l2);
            p = p == null ? sq : p.add(sq);
        }
        return p == null ? w.mul(0.0).sum() : p;
    }

    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("l1", l1);
        c.put("l2", l2);
        return c;
    }

    public static Regularizer fromConfig(Map<String, Object> config) {
        return new Regularizer(((Number) config.getOrDefault("l1", 0.0)).doubleValue(),
                ((Number) config.getOrDefault("l2", 0.0)).doubleValue());
    }
}
