package org.neurite.optimizers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;

/**
 * Adam (Keras {@code Adam}). At step {@code t = iterations + 1}, with gradient {@code g}:
 * <pre>
 * m = m + (g - m) * (1 - beta_1)
 * v = v + (g^2 - v) * (1 - beta_2)
 * v_hat = max(v_hat, v)                       (amsgrad only; then v_hat replaces v below)
 * alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 * p = p - alpha * m / (sqrt(v) + epsilon)
 * </pre>
 * Epsilon is added after the square root and is not bias-corrected, as in Keras. Defaults:
 * learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(3e-4).beta2(0.98).clipNorm(1.0);
 * }</pre>
 * The rule runs as ND4J's fused {@code adam_updater} (or {@code ams_grad_updater}) op, which
 * computes exactly this, plus one subtraction.
 */
public class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad = false;

    /** learning_rate 0.001. */
    public Adam() {
        this(0.001);
    }

    public Adam(double learningRate) {
        super(learningRate);
    }

    public Adam(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Decay rate of the first-moment average, in [0, 1) (default 0.9). */
    public Adam beta1(double beta1) {
        this.beta1 = checkFraction("beta_1", beta1, false);
        return this;
    }

    /** Decay rate of the second-moment average, in [0, 1) (default 0.999). */
    public Adam beta2(double beta2) {
        this.beta2 = checkFraction("beta_2", beta2, false);
        return this;
    }

    /** The constant added to sqrt(v) in the denominator (default 1e-7). */
    public Adam epsilon(double epsilon) {
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    /** Use the AMSGrad variant: divide by the running maximum of v (default false). */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected void update(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        INDArray m = state.slot("m");
        INDArray v = state.slot("v");
        INDArray step = state.scratch("update");
        int t = InPlace.iteration(iteration);
        double[] rates = {lr, beta1, beta2, epsilon};
        long[] at = {t};
        // through Native, so every step reuses one op and context (the step count is just an argument)
        if (amsgrad) {
            INDArray vHat = state.slot("v_hat");
            Native.into("ams_grad_updater", new INDArray[]{grad, v, m, vHat}, new INDArray[]{step, v, m, vHat},
                    at, rates, null);
        } else {
            // argument order: the second moment v comes before the first moment m
            Native.into("adam_updater", new INDArray[]{grad, v, m}, new INDArray[]{step, v, m}, at, rates, null);
        }
        Native.into("subtract", new INDArray[]{param, step}, new INDArray[]{param}, null, null, null);
    }

    @Override
    protected List<String> slotNames() {
        return List.of("m", "v", "v_hat");
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("beta_1", beta1);
        config.put("beta_2", beta2);
        config.put("epsilon", epsilon);
        config.put("amsgrad", amsgrad);
    }

    @Override
    protected boolean readConfig(String key, Object value) {
        switch (key) {
            case "beta_1" -> beta1(number(key, value));
            case "beta_2" -> beta2(number(key, value));
            case "epsilon" -> epsilon(number(key, value));
            case "amsgrad" -> amsgrad(bool(key, value));
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public Adam schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }

    @Override
    public Adam clipNorm(double clipNorm) {
        super.clipNorm(clipNorm);
        return this;
    }

    @Override
    public Adam globalClipNorm(double norm) {
        super.globalClipNorm(norm);
        return this;
    }

    @Override
    public Adam clipValue(double clipValue) {
        super.clipValue(clipValue);
        return this;
    }

    @Override
    public Adam weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }
}
