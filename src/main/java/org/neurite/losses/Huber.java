package org.neurite.losses;

import java.util.Map;

import org.neurite.tensor.Tensor;

/**
 * The Huber loss: quadratic for small errors, linear for large ones. With {@code e = yPred - yTrue},
 * each element is {@code 0.5 e^2} when {@code |e| <= delta} and {@code delta (|e| - 0.5 delta)}
 * otherwise; per example the mean over the non-batch axes, then the (weighted) batch mean.
 * Keras name {@code "huber"} (the class's Keras default name {@code "huber_loss"} is an alias).
 *
 * <p>Default {@code delta = 1.0}. The gradient is {@code clip(e, -delta, delta)} per element,
 * divided by the number of averaged elements. There is no logits mode.
 *
 * <pre>{@code
 * Loss robust = new Huber(2.0);
 * }</pre>
 */
public final class Huber extends BaseLoss {
    /** Keras's default threshold between the quadratic and linear parts. */
    public static final double DEFAULT_DELTA = 1.0;

    private final double delta;

    /** Huber with {@code delta = 1.0}. */
    public Huber() {
        this(DEFAULT_DELTA);
    }

    /** @param delta the positive error size where the loss turns from quadratic to linear */
    public Huber(double delta) {
        super("huber");
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a positive finite number, got " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    protected Tensor perExample(Tensor yTrue, Tensor yPred) {
        // |e| = q + l with q = min(|e|, delta): 0.5 q^2 + delta l equals both branches, no select needed
        Tensor absError = yPred.sub(yTrue).abs();
        Tensor quadratic = absError.clip(0, delta);
        Tensor linear = absError.sub(quadratic);
        return meanPerExample(quadratic.mul(quadratic).mul(0.5).add(linear.mul(delta)));
    }

    /** {@code {"delta": delta}}. */
    @Override
    public Map<String, Object> config() {
        return Map.of("delta", delta);
    }
}
