package org.neurite.optimizers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSprop (Keras {@code RMSprop}). With gradient {@code g}:
 * <pre>
 * velocity = rho * velocity + (1 - rho) * g^2
 * denominator = velocity + epsilon                          (centered false)
 * average_gradient = rho * average_gradient + (1 - rho) * g    (centered true)
 * denominator = velocity - average_gradient^2 + epsilon     (centered true)
 * increment = lr * g / sqrt(denominator)
 * p = p - increment                                         (momentum 0)
 * momentum_buffer = momentum * momentum_buffer + increment;  p = p - momentum_buffer   (momentum > 0)
 * </pre>
 * Epsilon sits inside the square root, as in Keras (ND4J's {@code rms_prop_updater} puts it
 * outside, so the rule is written here with in-place arithmetic). Defaults: learning_rate 0.001,
 * rho 0.9, momentum 0.0, epsilon 1e-7, centered false.
 *
 * <pre>{@code
 * Optimizer rms = new RMSprop(1e-3).momentum(0.9).centered(true);
 * }</pre>
 */
public final class RMSprop extends FluentOptimizer<RMSprop> {
    private double rho = 0.9;
    private double momentum = 0.0;
    private double epsilon = 1e-7;
    private boolean centered = false;

    /** learning_rate 0.001. */
    public RMSprop() {
        this(0.001);
    }

    public RMSprop(double learningRate) {
        super(learningRate);
    }

    public RMSprop(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Decay rate of the squared-gradient average, in [0, 1) (default 0.9). */
    public RMSprop rho(double rho) {
        this.rho = checkFraction("rho", rho, false);
        return this;
    }

    /** Momentum in [0, 1] (default 0: none). */
    public RMSprop momentum(double momentum) {
        this.momentum = checkFraction("momentum", momentum, true);
        return this;
    }

    /** The constant added under the square root (default 1e-7). */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    /** Normalise by the estimated variance rather than the second moment (default false). */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected void update(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        INDArray velocity = state.slot("velocity");
        INDArray work = state.scratch("update");
        work.assign(grad).muli(grad);                       // g^2
        velocity.muli(rho);
        InPlace.axpy(1 - rho, work, velocity);
        if (centered) {
            INDArray average = state.slot("average_gradient");
            average.muli(rho);
            InPlace.axpy(1 - rho, grad, average);
            work.assign(average).muli(average).rsubi(velocity);  // velocity - average^2
            work.addi(epsilon);
        } else {
            work.assign(velocity).addi(epsilon);
        }
        InPlace.sqrt(work);
        work.rdivi(grad).muli(lr);                          // the increment
        if (momentum > 0) {
            INDArray buffer = state.slot("momentum");
            buffer.muli(momentum).addi(work);
            param.subi(buffer);
        } else {
            param.subi(work);
        }
    }

    @Override
    protected List<String> slotNames() {
        return List.of("velocity", "momentum", "average_gradient");
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("rho", rho);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("centered", centered);
    }

    @Override
    protected boolean readConfig(String key, Object value) {
        switch (key) {
            case "rho" -> rho(number(key, value));
            case "momentum" -> momentum(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            case "centered" -> centered(bool(key, value));
            default -> {
                return false;
            }
        }
        return true;
    }
}
