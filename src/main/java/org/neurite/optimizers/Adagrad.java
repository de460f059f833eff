package org.neurite.optimizers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adagrad (Keras {@code Adagrad}). With gradient {@code g}, the accumulator starting at
 * {@code initial_accumulator_value}:
 * <pre>
 * accumulator = accumulator + g^2
 * p = p - lr * g / sqrt(accumulator + epsilon)
 * </pre>
 * Epsilon sits inside the square root, as in Keras (ND4J's {@code ada_grad_updater} puts it
 * outside, so the rule is written here with in-place arithmetic). Defaults: learning_rate 0.001,
 * initial_accumulator_value 0.1, epsilon 1e-7.
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad(0.01);
 * }</pre>
 */
public final class Adagrad extends FluentOptimizer<Adagrad> {
    private double initialAccumulatorValue = 0.1;
    private double epsilon = 1e-7;

    /** learning_rate 0.001. */
    public Adagrad() {
        this(0.001);
    }

    public Adagrad(double learningRate) {
        super(learningRate);
    }

    public Adagrad(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** The accumulators' starting value, {@code >= 0} (default 0.1); affects parameters not yet stepped. */
    public Adagrad initialAccumulatorValue(double value) {
        this.initialAccumulatorValue = checkNonNegative("initial_accumulator_value", value);
        return this;
    }

    /** The constant added under the square root (default 1e-7). */
    public Adagrad epsilon(double epsilon) {
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    protected void update(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        INDArray accumulator = state.slot("accumulator", initialAccumulatorValue);
        INDArray work = state.scratch("update");
        work.assign(grad).muli(grad);
        accumulator.addi(work);
        work.assign(accumulator).addi(epsilon);
        InPlace.sqrt(work);
        work.rdivi(grad).muli(lr);
        param.subi(work);
    }

    @Override
    protected List<String> slotNames() {
        return List.of("accumulator");
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("initial_accumulator_value", initialAccumulatorValue);
        config.put("epsilon", epsilon);
    }

    @Override
    protected boolean readConfig(String key, Object value) {
        switch (key) {
            case "initial_accumulator_value" -> initialAccumulatorValue(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            default -> {
                return false;
            }
        }
        return true;
    }
}
