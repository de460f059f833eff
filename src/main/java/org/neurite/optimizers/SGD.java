package org.neurite.optimizers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stochastic gradient descent, optionally with momentum (Keras {@code SGD}). With gradient
 * {@code g} and learning rate {@code lr}:
 * <pre>
 * momentum == 0:  p = p - lr * g
 * otherwise:      velocity = momentum * velocity - lr * g
 *                 p = p + velocity                          (nesterov false)
 *                 p = p + momentum * velocity - lr * g      (nesterov true)
 * </pre>
 * Defaults: learning_rate 0.01, momentum 0.0, nesterov false.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.1).momentum(0.9).nesterov(true);
 * }</pre>
 */
public final class SGD extends FluentOptimizer<SGD> {
    private double momentum = 0.0;
    private boolean nesterov = false;

    /** learning_rate 0.01. */
    public SGD() {
        this(0.01);
    }

    public SGD(double learningRate) {
        super(learningRate);
    }

    public SGD(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Momentum in [0, 1] (default 0: plain gradient descent). */
    public SGD momentum(double momentum) {
        this.momentum = checkFraction("momentum", momentum, true);
        return this;
    }

    /** Nesterov momentum (default false; has no effect without momentum). */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected void update(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        if (momentum == 0) {
            InPlace.axpy(-lr, grad, param);
            return;
        }
        INDArray velocity = state.slot("momentum");
        velocity.muli(momentum);
        InPlace.axpy(-lr, grad, velocity);
        if (nesterov) {
            InPlace.axpy(momentum, velocity, param);
            InPlace.axpy(-lr, grad, param);
        } else {
            param.addi(velocity);
        }
    }

    @Override
    protected List<String> slotNames() {
        return List.of("momentum");
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("momentum", momentum);
        config.put("nesterov", nesterov);
    }

    @Override
    protected boolean readConfig(String key, Object value) {
        switch (key) {
            case "momentum" -> momentum(number(key, value));
            case "nesterov" -> nesterov(bool(key, value));
            default -> {
                return false;
            }
        }
        return true;
    }
}
