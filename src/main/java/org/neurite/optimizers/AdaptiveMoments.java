package org.neurite.optimizers;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.Neurite;
import org.neurite.tensor.Native;

/**
 * The Adam rule (Keras {@code Adam}), shared by {@link Adam} and {@link AdamW}. At step
 * {@code t = iterations + 1}, with gradient {@code g}:
 * <pre>
 * m += (g - m) * (1 - beta_1)
 * v += (g^2 - v) * (1 - beta_2)
 * v_hat = max(v_hat, v)                       (amsgrad only; then v_hat replaces v below)
 * lr_t = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
 * p -= lr_t * m / (sqrt(v) + epsilon)
 * </pre>
 * Epsilon is added after the square root and is not bias-corrected, as in Keras. {@link #rule}
 * is this in Java; the fast path ({@link #fused}) is ND4J's {@code adam_updater} (or
 * {@code ams_grad_updater}) op, which computes the same in one kernel. {@code Neurite.fastPaths(false)}
 * runs the Java rule.
 *
 * @param <T> the concrete optimizer class
 */
public abstract class AdaptiveMoments<T extends AdaptiveMoments<T>> extends FluentOptimizer<T> {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad = false;

    protected AdaptiveMoments(double learningRate) {
        super(learningRate);
    }

    protected AdaptiveMoments(LearningRateSchedule schedule) {
        super(schedule);
    }

    /** Decay rate of the first-moment average, in [0, 1) (default 0.9). */
    public T beta1(double beta1) {
        this.beta1 = checkFraction("beta_1", beta1, false);
        return self();
    }

    /** Decay rate of the second-moment average, in [0, 1) (default 0.999). */
    public T beta2(double beta2) {
        this.beta2 = checkFraction("beta_2", beta2, false);
        return self();
    }

    /** The constant added to sqrt(v) in the denominator (default 1e-7). */
    public T epsilon(double epsilon) {
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return self();
    }

    /** Use the AMSGrad variant: divide by the running maximum of v (default false). */
    public T amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return self();
    }

    @Override
    protected void update(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        if (Neurite.fastPaths()) {
            fused(param, grad, state, lr, iteration);
        } else {
            rule(param, grad, state, lr, iteration);
        }
    }

    /** The rule as written in the class comment, in place on the state's slots. */
    void rule(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        INDArray m = state.slot("m");
        INDArray v = state.slot("v");
        INDArray work = state.scratch("update");
        work.assign(grad).subi(m).muli(1 - beta1);                // m += (g - m)(1 - beta_1)
        m.addi(work);
        work.assign(grad).muli(grad).subi(v).muli(1 - beta2);     // v += (g^2 - v)(1 - beta_2)
        v.addi(work);
        INDArray denominator = v;
        if (amsgrad) {
            INDArray vHat = state.slot("v_hat");
            Native.into("maximum", new INDArray[]{vHat, v}, new INDArray[]{vHat}, null, null, null);
            denominator = vHat;
        }
        double t = iteration + 1.0;
        double lrT = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        work.assign(denominator);
        InPlace.sqrt(work);
        work.addi(epsilon).rdivi(m).muli(lrT);                    // lr_t m / (sqrt(v) + eps)
        param.subi(work);
    }

    /** The same rule as one ND4J updater kernel and a subtraction. */
    void fused(INDArray param, INDArray grad, ParameterState state, double lr, long iteration) {
        INDArray m = state.slot("m");
        INDArray v = state.slot("v");
        INDArray step = state.scratch("update");
        long[] at = {InPlace.iteration(iteration)};
        double[] rates = {lr, beta1, beta2, epsilon};
        // the kernels take the second moment v before the first moment m
        if (amsgrad) {
            INDArray vHat = state.slot("v_hat");
            Native.into("ams_grad_updater", new INDArray[]{grad, v, m, vHat}, new INDArray[]{step, v, m, vHat},
                    at, rates, null);
        } else {
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
}
