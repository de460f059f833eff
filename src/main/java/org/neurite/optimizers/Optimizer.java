package org.neurite.optimizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Tensor;

/**
 * Updates parameters from their gradients. A subclass writes one rule, {@link #update}; this class
 * owns the learning rate and its schedule, gradient clipping, decoupled weight decay, the step
 * counter, the per-parameter state and its saving.
 *
 * <pre>{@code
 * Optimizer optimizer = new Adam(1e-3).clipNorm(1.0);
 * loss.backward();
 * optimizer.step(parameters);      // every parameter with a gradient moves, in place
 * }</pre>
 *
 * One {@link #step} does, as Keras 3 does: take the learning rate {@code lr} (the schedule's value
 * at {@link #iterations()}); clip the gradients (only one of clipnorm, global_clipnorm, clipvalue
 * may be set; none is by default); apply weight decay {@code p -= p * weight_decay * lr} when it is
 * set (off by default, except in {@link AdamW}); apply the rule; count the step. A parameter's
 * gradient is read, never modified.
 *
 * <p>State is kept per parameter {@link Tensor} (by identity), created on its first step with the
 * parameter's shape and type, outside any memory workspace; steady-state steps run in place on it
 * and allocate no parameter-sized temporaries.
 */
public abstract class Optimizer {
    private double learningRate;
    private LearningRateSchedule schedule;
    private final GradientClipping clipping = new GradientClipping();
    private double weightDecay;
    private long iterations;
    private final Map<Tensor, ParameterState> states = new IdentityHashMap<>();

    /** An optimizer with a constant learning rate. */
    protected Optimizer(double learningRate) {
        this.learningRate = checkNonNegative("learning_rate", learningRate);
    }

    /** An optimizer whose learning rate follows {@code schedule}. */
    protected Optimizer(LearningRateSchedule schedule) {
        this.schedule = checkSchedule(schedule);
    }

    /** The Keras name, lower case: "adam", "sgd", ... ({@link Optimizers#get} resolves it). */
    public abstract String name();

    /**
     * The rule: moves {@code param} in place by one step. {@code grad} is already clipped and of
     * the parameter's type; it may be the caller's gradient and must not be modified.
     *
     * @param iteration the 0-based number of steps taken before this one
     */
    protected abstract void update(INDArray param, INDArray grad, ParameterState state, double learningRate,
                                   long iteration);

    /** Every state slot name the rule may create (the part after "/" in {@link #state} keys). */
    protected abstract List<String> slotNames();

    /** Adds the rule's own hyperparameters to {@code config}, under their Keras names. */
    protected abstract void writeConfig(Map<String, Object> config);

    /** Sets the rule's hyperparameter {@code key} from a config value; false if the key is not the rule's. */
    protected abstract boolean readConfig(String key, Object value);

    // ------------------------------------------------------------------ the step

    /**
     * Applies one update to every parameter in {@code parameters} that has a gradient; those without
     * one are skipped (to freeze a parameter, do not pass it). An empty list does nothing.
     *
     * @throws IllegalArgumentException if no parameter has a gradient
     */
    public final void step(List<Tensor> parameters) {
        if (parameters.isEmpty()) {
            return;
        }
        double lr = currentLearningRate();
        double globalScale = clipping.globalScale(parameters);
        boolean any = false;
        for (Tensor p : parameters) {
            INDArray grad = p.grad();
            if (grad == null) {
                continue;
            }
            any = true;
            ParameterState state = states.computeIfAbsent(p, t -> new ParameterState(t.value()));
            INDArray g = clipping.apply(p.value(), grad, state, globalScale);
            if (weightDecay > 0) {
                InPlace.axpy(-weightDecay * lr, p.value(), p.value());
            }
            update(p.value(), g, state, lr, iterations);
        }
        if (!any) {
            throw new IllegalArgumentException(name() + ": none of the " + parameters.size()
                    + " parameters has a gradient; call backward() before step()");
        }
        iterations++;
    }

    // ------------------------------------------------------------------ learning rate

    /** The base learning rate: the constant one, or the schedule's rate at step 0. */
    public final double learningRate() {
        return schedule == null ? learningRate : schedule.rate(0);
    }

    /**
     * Sets a constant learning rate (for callbacks such as ReduceLROnPlateau).
     *
     * @throws IllegalStateException if the rate follows a schedule, as in Keras
     */
    public final void setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException(name() + ": the learning rate follows a " + scheduleName()
                    + " and cannot be set; create the optimizer with a constant learning rate to change it");
        }
        this.learningRate = checkNonNegative("learning_rate", learningRate);
    }

    /** The rate the next step uses: the schedule's value at {@link #iterations()}, or the constant. */
    public final double currentLearningRate() {
        return schedule == null ? learningRate : schedule.rate(iterations);
    }

    /** The learning-rate schedule, or null for a constant rate. */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    /** Makes the learning rate follow {@code schedule}, evaluated at the step count. */
    public Optimizer schedule(LearningRateSchedule schedule) {
        this.schedule = checkSchedule(schedule);
        return this;
    }

    private LearningRateSchedule checkSchedule(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException(name() + ": the learning-rate schedule is null");
        }
        return schedule;
    }

    /** The number of steps taken. */
    public final long iterations() {
        return iterations;
    }

    // ------------------------------------------------------------------ clipping and weight decay

    /** Clips each gradient to L2 norm at most {@code clipNorm} (Keras clipnorm); 0 turns it off (default). */
    public Optimizer clipNorm(double clipNorm) {
        clipping.set(name(), "clipnorm", checkNonNegative("clipnorm", clipNorm));
        return this;
    }

    /**
     * True when the update of each parameter element depends only on that element's gradient and
     * state (no per-variable norm clipping), so all parameters can be updated as one flat array.
     */
    public boolean updatesElementwise() {
        return clipping.get("clipnorm") == 0;
    }

    /** Scales all gradients together to global L2 norm at most {@code norm} (Keras global_clipnorm); 0 is off. */
    public Optimizer globalClipNorm(double norm) {
        clipping.set(name(), "global_clipnorm", checkNonNegative("global_clipnorm", norm));
        return this;
    }

    /** Clips each gradient element to {@code [-clipValue, clipValue]} (Keras clipvalue); 0 is off. */
    public Optimizer clipValue(double clipValue) {
        clipping.set(name(), "clipvalue", checkNonNegative("clipvalue", clipValue));
        return this;
    }

    /**
     * Decoupled weight decay, {@code p -= p * weightDecay * lr} each step; 0 is off (the default,
     * but AdamW's is 0.004).
     */
    public Optimizer weightDecay(double weightDecay) {
        this.weightDecay = checkNonNegative("weight_decay", weightDecay);
        return this;
    }

    /** Checks a hyperparameter is a finite number {@code >= 0} and returns it. */
    protected final double checkNonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": " + key + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** Checks a decay rate is in {@code [0, 1)} (or {@code [0, 1]} when {@code oneAllowed}) and returns it. */
    protected final double checkFraction(String key, double value, boolean oneAllowed) {
        if (!(value >= 0 && (value < 1 || oneAllowed && value == 1))) {
            throw new IllegalArgumentException(name() + ": " + key + " must be in [0, 1" + (oneAllowed ? "]" : ")")
                    + ", got " + value);
        }
        return value;
    }

    // ------------------------------------------------------------------ config

    /**
     * Every hyperparameter under its Keras name: learning_rate (a number, or for a schedule a map
     * with "class_name" and "config"), weight_decay, clipnorm, global_clipnorm, clipvalue (null when
     * off), then the rule's own. {@link Optimizers#fromConfig} rebuilds an equal optimizer from it.
     */
    public final Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        Object rate = schedule == null ? (Object) learningRate : LearningRateSchedule.serialize(schedule);
        config.put("learning_rate", rate);
        config.put("weight_decay", weightDecay > 0 ? weightDecay : null);
        for (String key : GradientClipping.KEYS) {
            double v = clipping.get(key);
            config.put(key, v > 0 ? v : null);
        }
        writeConfig(config);
        return config;
    }

    /** Sets every key of {@code config}; an absent key keeps its value, a null one turns the option off. */
    void applyConfig(Map<String, Object> config) {
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "name" -> { }
                case "learning_rate" -> {
                    if (value instanceof Number n) {
                        schedule = null;
                        setLearningRate(n.doubleValue());
                    } else {
                        schedule(LearningRateSchedule.deserialize(value));
                    }
                }
                case "weight_decay" -> weightDecay(number(key, value));
                case "clipnorm" -> clipNorm(number(key, value));
                case "global_clipnorm" -> globalClipNorm(number(key, value));
                case "clipvalue" -> clipValue(number(key, value));
                default -> {
                    if (!readConfig(key, value)) {
                        throw new IllegalArgumentException(name() + ": unknown config key '" + key
                                + "'; known keys: " + config().keySet());
                    }
                }
            }
        }
    }

    /** A config value as a double; null reads as 0 (an option turned off). */
    protected final double number(String key, Object value) {
        if (value == null) {
            return 0.0;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(name() + ": config key '" + key + "' needs a number, got " + value);
        }
        return n.doubleValue();
    }

    /** A config value as a boolean. */
    protected final boolean bool(String key, Object value) {
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(name() + ": config key '" + key + "' needs true or false, got " + value);
        }
        return b;
    }

    private String scheduleName() {
        String c = schedule.className();
        return c == null ? "custom schedule" : c;
    }

    // ------------------------------------------------------------------ state

    /**
     * Copies of the state of {@code params}, keyed "index/slot" by position in the list (Adam:
     * "0/m", "0/v", "1/m", ...). Parameters never stepped have no entries. Save it with
     * {@link #iterations()}.
     */
    public final Map<String, INDArray> state(List<Tensor> params) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ParameterState s = states.get(params.get(i));
            if (s != null) {
                for (Map.Entry<String, INDArray> e : s.slots().entrySet()) {
                    out.put(i + "/" + e.getKey(), Allocator.persistentCopy(e.getValue()));
                }
            }
        }
        return out;
    }

    /**
     * Restores what {@link #state} saved, for the same parameters in the same order, and the step
     * count: training then continues exactly as it would have. The state of every parameter in
     * {@code params} is replaced (slots absent from {@code state} start afresh).
     *
     * @throws IllegalArgumentException for a malformed key, an index out of range, a slot this
     *         optimizer does not have or a shape that does not match; nothing is changed then
     */
    public final void loadState(List<Tensor> params, Map<String, INDArray> state, long iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException(name() + ": iterations must be >= 0, got " + iterations);
        }
        List<ParameterState> fresh = new ArrayList<>(params.size());
        for (Tensor p : params) {
            fresh.add(new ParameterState(p.value()));
        }
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            String key = e.getKey();
            int slash = key.indexOf('/');
            int index;
            try {
                index = Integer.parseInt(key.substring(0, Math.max(slash, 0)));
            } catch (NumberFormatException ex) {
                index = -1;
            }
            String slot = key.substring(slash + 1);
            if (index < 0 || index >= params.size() || !slotNames().contains(slot)) {
                throw new IllegalArgumentException(name() + ": cannot load optimizer state '" + key
                        + "'; expected keys 'index/slot' with index in [0, " + params.size() + ") and slot in "
                        + slotNames());
            }
            long[] expected = params.get(index).shape();
            if (!Arrays.equals(e.getValue().shape(), expected)) {
                throw new IllegalArgumentException(name() + ": optimizer state '" + key + "' has shape "
                        + Arrays.toString(e.getValue().shape()) + ", expected the parameter's "
                        + Arrays.toString(expected));
            }
            fresh.get(index).load(slot, e.getValue());
        }
        for (int i = 0; i < params.size(); i++) {
            states.put(params.get(i), fresh.get(i));
        }
        this.iterations = iterations;
    }
}
