package org.neurite.tensor.ops;

import static org.neurite.tensor.ops.SequenceKernels.add;
import static org.neurite.tensor.ops.SequenceKernels.gemmInto;
import static org.neurite.tensor.ops.SequenceKernels.matmul;
import static org.neurite.tensor.ops.SequenceKernels.mul;
import static org.neurite.tensor.ops.SequenceKernels.reverseTime;
import static org.neurite.tensor.ops.SequenceKernels.sub;
import static org.neurite.tensor.ops.SequenceMasks.carry;
import static org.neurite.tensor.ops.SequenceMasks.stepColumns;
import static org.neurite.tensor.ops.StepViews.at;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;
import org.neurite.tensor.PerExampleGradient;

/**
 * A whole recurrent layer over a sequence as one op: forward runs every step, backward runs
 * backpropagation through time. Inputs: {@code x [N, T, in]}, kernel {@code W [in, k*u]},
 * recurrent kernel {@code U [u, k*u]} and optionally a bias (its shape is the subclass's).
 * Output: the state after every step {@code [N, T, u]} ({@code returnSequences}) or after the
 * last one {@code [N, u]}.
 *
 * <p>The work is arranged so that only the recurrence itself runs step by step: the input is
 * made time-major once, the input projection {@code P = x W (+ b)} of all steps is one GEMM, each
 * step adds {@code h_{t-1} U} into its slice of a preallocated buffer (matmul with beta = 1) and
 * runs a few elementwise kernels on reused buffers; backward collects the pre-activation
 * gradients {@code dP} of all steps, so {@code dW = x^T dP}, {@code dU = H_{prev}^T dR},
 * {@code dx = dP W^T} and the bias gradient are again one GEMM or reduction each.
 *
 * <p>Options, all fixed per application:
 * <ul>
 *   <li>{@code reverse}: the steps run from the last time step to the first (Keras
 *       {@code go_backwards}); the sequence output is then in processing order (reversed), unless
 *       {@code timeOrder} asks for it in time order (a bidirectional layer's backward half);</li>
 *   <li>{@code mask [N, T]} (1 real step, 0 padding): at a masked step the state is carried over,
 *       {@code h_t = m h_new + (1 - m) h_{t-1}} (and likewise the LSTM cell), so the output there
 *       is the previous output, as Keras;</li>
 *   <li>{@code inputDropMask [N, in]} and {@code recurrentDropMask [N, u]}: dropout masks (already
 *       scaled) multiplied into the input of every step and into the state entering the recurrent
 *       product, one draw per sequence (variational dropout, as Keras).</li>
 * </ul>
 * With {@code m} the step mask, backward splits {@code dh_t} into {@code m dh_t} for the step and
 * {@code (1 - m) dh_t} passed straight to {@code h_{t-1}}.
 */
public abstract class RecurrentSequence extends Op {

    /** The fixed options of one application. */
    public record Options(boolean returnSequences, boolean reverse, boolean timeOrder, INDArray mask,
                          INDArray inputDropMask, INDArray recurrentDropMask,
                          String activation, String recurrentActivation) {
    }

    private final Options options;
    protected final Activation act;
    protected final Activation recAct;

    // set by forward
    protected int n;
    protected int steps;
    protected int units;
    protected DataType type;
    private INDArray xd;        // [T*N, in] time-major (processing order), dropout applied
    private INDArray kernel;
    private INDArray recurrentKernel;
    protected INDArray bias;
    private INDArray states;    // [T+1, N, u]: states[k] enters step k, states[k+1] leaves it
    private INDArray statesIn;  // [T, N, u]: the (dropped) state multiplied by U at each step
    private INDArray[] stepMask; // [N, 1] per step or null
    private INDArray tmpUnits;
    private boolean throughTime;  // backward's steps have run

    protected RecurrentSequence(Options options) {
        this.options = options;
        this.act = Activation.of(options.activation());
        this.recAct = Activation.of(options.recurrentActivation());
    }

    /** Number of gate blocks {@code k} along the last axis of the kernels. */
    protected abstract int gates();

    /** The bias added to the input projection ({@code [k*u]}), given the op's bias input. */
    protected INDArray inputBias(INDArray bias) {
        return bias;   // LSTM, SimpleRNN: the whole bias (GRU takes its input row)
    }

    /** Allocates the per-sequence buffers; {@code projection} is {@code [T, N, k*u]}. */
    protected abstract void allocate(INDArray projection);

    /**
     * One forward step: {@code hIn} is the state to multiply by {@code U}, {@code hPrev} the
     * undropped previous state, {@code hNew} where the new state goes (before masking);
     * {@code m} the step's mask column or null.
     */
    protected abstract void step(int k, INDArray hIn, INDArray hPrev, INDArray hNew, INDArray m);

    /**
     * One backward step: {@code dhNew} is the gradient reaching the new (unmasked) state; writes
     * the step's slices of {@link #projectionGrad} and {@link #recurrentGrad}.
     */
    protected abstract void stepBack(int k, INDArray dhNew, INDArray m);

    /**
     * Adds into {@code dhPrev} the gradient of step {@code k}'s new state with respect to
     * {@code h_{t-1}} that does not pass through {@code U} (none by default; GRU's {@code z h_{t-1}}).
     */
    protected void addDirect(int k, INDArray dhNew, INDArray dhPrev) {
    }

    /** Allocates the buffers of backward (called once before the steps run backwards). */
    protected abstract void allocateBackward();

    /** Gradients with respect to the input projection, {@code [T, N, k*u]}. */
    protected abstract INDArray projectionGrad();

    /** Gradients with respect to {@code h_in U} (and the recurrent bias), {@code [T, N, k*u]}. */
    protected INDArray recurrentGrad() {
        return projectionGrad();
    }

    /** The bias gradient from the summed projection gradients, written into {@code into} when given. */
    protected abstract INDArray biasGrad(INDArray into);

    /** Step {@code k}'s mask column {@code [N, 1]} (processing order), or null without a mask. */
    protected final INDArray maskAt(int k) {
        return stepMask == null ? null : stepMask[k];
    }

    @Override
    public final INDArray forward(INDArray... in) {
        INDArray x = in[0];
        kernel = in[1];
        recurrentKernel = in[2];
        bias = in.length > 3 ? in[3] : null;
        int k = gates();
        units = (int) recurrentKernel.size(0);
        INDArray mask = options.mask();
        RecurrentShapes.check(name(), x, kernel, recurrentKernel, k, mask);
        type = x.dataType();
        n = (int) x.size(0);
        steps = (int) x.size(1);
        long features = x.size(2);

        INDArray xt = Allocator.empty(type, steps, n, features).assign(x.permute(1, 0, 2));
        if (options.reverse()) {
            xt = reverseTime(xt);
        }
        if (options.inputDropMask() != null) {
            mul(xt, options.inputDropMask(), xt);
        }
        xd = xt.reshape('c', (long) steps * n, features);
        INDArray b = bias == null ? null : inputBias(bias);
        INDArray projection = Allocator.empty(type, steps, n, (long) k * units);
        INDArray flatProjection = projection.reshape('c', (long) steps * n, (long) k * units);
        if (b == null) {
            matmul(xd, kernel, flatProjection, false, false, 0.0);
        } else {
            Native.into("xw_plus_b", new INDArray[]{xd, kernel, b}, new INDArray[]{flatProjection}, null, null, null);
        }
        stepMask = mask == null ? null : stepColumns(mask, type, steps, n, options.reverse());

        states = Allocator.empty(type, steps + 1L, n, units);
        at(states, 0).assign(0);
        boolean dropState = options.recurrentDropMask() != null;
        statesIn = dropState ? Allocator.empty(type, steps, n, units) : states;
        tmpUnits = Allocator.empty(type, n, units);
        allocate(projection);

        if (!fastForward(xt, projection)) {
            runSteps(dropState);
        }

        if (!options.returnSequences()) {
            return Allocator.empty(type, n, units).assign(at(states, steps));
        }
        INDArray seq = states.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
        if (options.reverse() && options.timeOrder()) {
            seq = reverseTime(seq.dup('c'));
        }
        return Allocator.empty(type, n, steps, units).assign(seq.permute(1, 0, 2));
    }

    /** The plain forward: {@link #step} for every step, in processing order. */
    private void runSteps(boolean dropState) {
        for (int s = 0; s < steps; s++) {
            INDArray hPrev = at(states, s);
            INDArray hIn = hPrev;
            if (dropState) {
                hIn = at(statesIn, s);
                mul(hPrev, options.recurrentDropMask(), hIn);
            }
            INDArray hNew = at(states, s + 1);
            step(s, hIn, hPrev, hNew, maskAt(s));
            if (stepMask != null) {
                carry(hPrev, hNew, stepMask[s], tmpUnits);
            }
        }
    }

    /**
     * A faster forward in place of the steps, where the subclass has one that is exactly valid for
     * this application: it must fill {@link #states} and every buffer that backward reads, as the
     * steps would. {@code xt} is the input time-major in processing order {@code [T, N, in]} (already
     * reversed for {@code reverse}), {@code projection} the input projection {@code [T, N, k*u]}.
     * Returns false (the default) to run the steps.
     */
    protected boolean fastForward(INDArray xt, INDArray projection) {
        return false;
    }

    @Override
    public final INDArray[] backward(INDArray g, boolean[] needs) {
        return backward(g, needs, new INDArray[needs.length]);
    }

    @Override
    public final INDArray[] backward(INDArray g, boolean[] needs, INDArray[] into) {
        throughTime(g);
        INDArray dP = projectionGrad().reshape('c', (long) steps * n, (long) gates() * units);
        INDArray[] out = new INDArray[bias == null ? 3 : 4];
        if (needs[0]) {
            INDArray dxt = Allocator.empty(type, steps, n, kernel.size(0));
            matmul(dP, kernel, dxt.reshape('c', (long) steps * n, kernel.size(0)), false, true, 0.0);
            if (options.inputDropMask() != null) {
                mul(dxt, options.inputDropMask(), dxt);
            }
            if (options.reverse()) {
                dxt = reverseTime(dxt);
            }
            out[0] = Allocator.empty(type, n, steps, kernel.size(0)).assign(dxt.permute(1, 0, 2));
        }
        if (needs[1]) {
            out[1] = gemmInto(type, xd, dP, into[1]);
        }
        if (needs[2]) {
            out[2] = gemmInto(type, stateInputs(), recurrentGrad().reshape('c', (long) steps * n,
                    (long) gates() * units), into[2]);
        }
        if (bias != null && needs[3]) {
            out[3] = biasGrad(into.length > 3 ? into[3] : null);
        }
        return out;
    }

    @Override   // per example: see PerExampleKernels.recurrent
    public final PerExampleGradient perExample(INDArray g, int input, int examples) {
        throughTime(g);
        return PerExampleKernels.recurrent(input, steps, n, xd, stateInputs(), projectionGrad(), recurrentGrad(), bias);
    }

    private INDArray stateInputs() {   // the states multiplied by U, [T*N, u] time-major
        INDArray hin = statesIn != states ? statesIn : states.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all());
        return hin.reshape('c', (long) steps * n, units);
    }

    private void throughTime(INDArray g) {   // BPTT, once per application: fills projectionGrad, recurrentGrad
        if (throughTime) {
            return;   // perExample after backward, or for a second weight
        }
        throughTime = true;
        INDArray gt = null;
        if (options.returnSequences()) {
            gt = Allocator.empty(type, steps, n, units).assign(g.permute(1, 0, 2));
            if (options.reverse() && options.timeOrder()) {
                gt = reverseTime(gt);
            }
        }
        INDArray dh = Allocator.empty(type, n, units);
        INDArray dhPrev = Allocator.empty(type, n, units);
        INDArray dhNew = Allocator.empty(type, n, units);
        if (gt == null) {
            dh.assign(g);
        } else {
            dh.assign(at(gt, steps - 1));
        }
        allocateBackward();
        INDArray dR = recurrentGrad();
        // U^T once per sequence: a plain product per step is about twice as fast as one with the
        // transpose flag at these sizes
        INDArray ut = Allocator.empty(type, (long) gates() * units, units).assign(recurrentKernel.transpose());
        boolean dropState = options.recurrentDropMask() != null;
        for (int s = steps - 1; s >= 0; s--) {
            if (gt != null && s < steps - 1) {
                add(dh, at(gt, s), dh);
            }
            INDArray m = maskAt(s);
            INDArray dStep = dh;
            if (m != null) {
                mul(dh, m, dhNew);
                dStep = dhNew;
            }
            stepBack(s, dStep, m);
            // dh_{t-1} = (dR_t U^T) [* recurrent dropout] + direct terms + (1 - m) dh_t
            matmul(at(dR, s), ut, dhPrev, false, false, 0.0);
            if (dropState) {
                mul(dhPrev, options.recurrentDropMask(), dhPrev);
            }
            addDirect(s, dStep, dhPrev);
            if (m != null) {
                sub(dh, dhNew, dh);
                add(dhPrev, dh, dhPrev);
            }
            INDArray t = dh;
            dh = dhPrev;
            dhPrev = t;
        }
    }

    /**
     * A dropout mask {@code [rows, width]}: 0 with probability {@code rate}, else {@code 1/(1-rate)},
     * drawn from {@code Nd4j.getRandom()}.
     */
    public static INDArray dropoutMask(DataType type, long rows, long width, double rate) {
        return SequenceMasks.dropoutMask(type, rows, width, rate);
    }

    /** The state after every step, {@code [T+1, N, u]} (row 0 the zero initial state). */
    protected final INDArray states() {
        return states;
    }

    protected final INDArray recurrentKernel() {
        return recurrentKernel;
    }

    protected final INDArray kernel() {
        return kernel;
    }

    protected final Options options() {
        return options;
    }

    protected final INDArray tmpUnits() {
        return tmpUnits;
    }

    /**
     * An activation usable inside the fused ops: forward and derivative as libnd4j kernels on
     * preallocated buffers. The derivative takes the pre-activation, as libnd4j's {@code _bp} ops.
     */
    public enum Activation {
        TANH("tanh"), SIGMOID("sigmoid"), RELU("relu"), LINEAR("linear");

        private final String keras;

        Activation(String keras) {
            this.keras = keras;
        }

        /** The activation called {@code name} (Keras name; null means linear). */
        public static Activation of(String name) {
            String key = name == null ? "linear" : name;
            for (Activation a : values()) {
                if (a.keras.equals(key)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("recurrent layers support the activations tanh, sigmoid, relu and "
                    + "linear, got '" + name + "'");
        }

        public String kerasName() {
            return keras;
        }

        /** {@code out = f(x)}. */
        void apply(INDArray x, INDArray out) {
            ActivationKernels.apply(this, x, out);
        }

        /** {@code out = f'(x) g} from the output {@code y = f(x)}; {@code tmp} is scratch of {@code y}'s shape. */
        void backwardFromOutput(INDArray y, INDArray g, INDArray out, INDArray tmp) {
            ActivationKernels.backwardFromOutput(this, y, g, out, tmp);
        }

        /** {@code out = f'(x) g}. */
        void backward(INDArray x, INDArray g, INDArray out) {
            ActivationKernels.backward(this, x, g, out);
        }
    }
}
