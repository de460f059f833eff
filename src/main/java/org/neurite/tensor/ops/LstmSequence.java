package org.neurite.tensor.ops;

import static org.neurite.tensor.ops.SequenceKernels.add;
import static org.neurite.tensor.ops.SequenceKernels.matmul;
import static org.neurite.tensor.ops.SequenceKernels.mul;
import static org.neurite.tensor.ops.SequenceKernels.sub;
import static org.neurite.tensor.ops.StepViews.at;
import static org.neurite.tensor.ops.StepViews.cached;
import static org.neurite.tensor.ops.StepViews.cols;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.Neurite;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * An LSTM over a whole sequence (Keras's cell, gate blocks i, f, c, o along {@code 4u}). Per
 * step, with {@code s} the recurrent activation (sigmoid) and {@code a} the activation (tanh):
 * <pre>
 *   z = x_t W + h_{t-1} U + b            i = s(z_i), f = s(z_f), g = a(z_c), o = s(z_o)
 *   c_t = f c_{t-1} + i g                h_t = o a(c_t)
 * </pre>
 * Backward, with {@code dc} the gradient reaching {@code c_t} from later steps:
 * <pre>
 *   dz_o = s'(z_o) dh a(c_t)      dc += a'(c_t) dh o
 *   dz_i = s'(z_i) dc g    dz_f = s'(z_f) dc c_{t-1}    dz_c = a'(z_c) dc i    dc_{t-1} = dc f
 *   dh_{t-1} = dz U^T
 * </pre>
 * The factors that do not depend on {@code dh} or {@code dc} ({@code s'(z_i) g}, {@code s'(z_f) c_{t-1}},
 * {@code a'(z_c) i}, {@code s'(z_o) a(c_t)} and {@code a'(c_t) o}) are computed for all steps before
 * the backward loop, which then only multiplies them by {@code dc} and {@code dh}; the derivatives
 * there come from the activated values ({@code s' = s (1 - s)}, {@code tanh' = 1 - tanh^2},
 * {@code relu' = [relu > 0]}).
 * Masking carries both {@code h} and {@code c} (see {@link RecurrentSequence}). Inputs: x, W
 * {@code [in, 4u]}, U {@code [u, 4u]}, optional b {@code [4u]}.
 *
 * <p><b>Fast forward.</b> Where it is exactly valid (FLOAT, tanh and sigmoid, no mask, no dropout,
 * the CPU build with oneDNN; see {@link #fastForward(boolean)}) the steps are replaced by libnd4j's
 * oneDNN {@code lstmLayer}, which gives every {@code h_t}. The backward above needs the gates and
 * cells too, so they are recomputed in bulk from those outputs: {@code z = P + H_{prev} U} for all
 * steps as one GEMM ({@code P = x W + b} is already there), the gate activations on whole arrays,
 * {@code i g} for all steps at once, and then only {@code c_t = f c_{t-1} + (i g)_t} per step (two
 * small kernels), and {@code a(c_t)} again in bulk. {@code goBackwards} needs nothing more: the
 * input is already reversed into processing order.
 */
public final class LstmSequence extends RecurrentSequence {
    private static volatile boolean fastForward = !"false".equals(System.getProperty("neurite.lstm.fastForward"));

    /**
     * Switches the oneDNN forward on or off for every LSTM application from now on (on by default,
     * or off when the system property {@code neurite.lstm.fastForward} is {@code false}). Off, every
     * LSTM runs the plain step-by-step forward; on, the fast one runs only where it is exactly valid:
     * FLOAT, activation tanh and recurrent activation sigmoid, no step mask, no dropout or recurrent
     * dropout, and ND4J's CPU backend built with oneDNN and helpers allowed, with a call large
     * enough to use them (elsewhere {@code lstmLayer}'s generic kernel would be slower than the steps).
     * Results agree with the plain path to FLOAT rounding. {@code Neurite.fastPaths(false)} turns it off too.
     */
    public static void fastForward(boolean enabled) {
        fastForward = enabled;
    }

    /** Whether the oneDNN forward is switched on (see {@link #fastForward(boolean)}). */
    public static boolean fastForwardEnabled() {
        return fastForward;
    }

    private INDArray z;      // [T, N, 4u] pre-activations (the projection, updated in place)
    private INDArray gates;  // [T, N, 4u] activated gates
    private INDArray cells;  // [T+1, N, u] carried cell states
    private INDArray fresh;  // [T, N, u] cell before masking (null without a mask: cells[t+1])
    private INDArray cellAct; // [T, N, u] a(c_new)
    private INDArray dz;     // [T, N, 4u]

    public LstmSequence(Options options) {
        super(options);
    }

    @Override
    protected int gates() {
        return 4;
    }

    @Override
    protected void allocate(INDArray projection) {
        z = projection;
        gates = Allocator.empty(type, steps, n, 4L * units);
        cells = Allocator.empty(type, steps + 1L, n, units);
        at(cells, 0).assign(0);
        fresh = maskAt(0) == null ? null : Allocator.empty(type, steps, n, units);
        cellAct = Allocator.empty(type, steps, n, units);
    }

    private INDArray freshCell(int k) {
        return fresh == null ? at(cells, k + 1) : at(fresh, k);
    }

    @Override
    protected void step(int k, INDArray hIn, INDArray hPrev, INDArray hNew, INDArray m) {
        long u = units;
        INDArray zk = at(z, k);
        matmul(hIn, recurrentKernel(), zk, 1.0);
        INDArray gk = at(gates, k);
        recAct.apply(zk, gk);
        act.apply(cols(zk, 2 * u, 3 * u), cols(gk, 2 * u, 3 * u));
        INDArray cPrev = at(cells, k);
        INDArray cNew = freshCell(k);
        INDArray tmp = tmpUnits();
        mul(cols(gk, u, 2 * u), cPrev, cNew);
        mul(cols(gk, 0, u), cols(gk, 2 * u, 3 * u), tmp);
        add(cNew, tmp, cNew);
        INDArray ak = at(cellAct, k);
        act.apply(cNew, ak);
        mul(cols(gk, 3 * u, 4 * u), ak, hNew);
        if (m != null) {
            sub(cNew, cPrev, tmp);
            mul(tmp, m, tmp);
            add(cPrev, tmp, at(cells, k + 1));
        }
    }

    /** Whether this application may take the oneDNN forward: see {@link #fastForward(boolean)}. */
    private boolean fastValid(INDArray xt) {
        Options o = options();
        return fastForward && Neurite.fastPaths() && act == Activation.TANH && recAct == Activation.SIGMOID && maskAt(0) == null
                && o.inputDropMask() == null && o.recurrentDropMask() == null && OneDnnLstm.usable(xt, type, units);
    }

    @Override
    protected boolean fastForward(INDArray xt, INDArray projection) {
        if (steps == 0 || !fastValid(xt)) {
            return false;
        }
        long u = units;
        long rows = (long) steps * n;
        INDArray states = states();
        INDArray outputs = states.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all());
        OneDnnLstm.forward(xt, kernel(), recurrentKernel(), bias, outputs);

        // z = P + h_{t-1} U for all steps in one GEMM (the rows of states[0, T) are every h_{t-1})
        INDArray flatZ = z.reshape('c', rows, 4 * u);
        INDArray prev = states.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                .reshape('c', rows, u);
        matmul(prev, recurrentKernel(), flatZ, 1.0);
        // gates: s(z) = (1 + tanh(z / 2)) / 2 everywhere, as libnd4j's tanh runs on oneDNN and is
        // about 5 times faster than its sigmoid on these arrays (4 passes still win), then the
        // candidate block again with tanh
        INDArray flatG = gates.reshape('c', rows, 4 * u);
        INDArray half = Allocator.empty(type).assign(0.5);
        mul(flatZ, half, flatG);
        Activation.TANH.apply(flatG, flatG);
        mul(flatG, half, flatG);
        add(flatG, half, flatG);
        INDArray z4 = z.reshape('c', rows, 4, u);
        INDArray g4 = gates.reshape('c', rows, 4, u);
        act.apply(block(z4, 2), block(g4, 2));

        // c_t = f c_{t-1} + i g: i g and a contiguous f for all steps, then two kernels per step
        INDArray ig = Allocator.empty(type, steps, n, u);
        mul(block(g4, 0), block(g4, 2), ig.reshape('c', rows, 1, u));
        forget = Allocator.empty(type, steps, n, u);
        forget.reshape('c', rows, 1, u).assign(block(g4, 1));
        for (int k = 0; k < steps; k++) {
            INDArray cNew = at(cells, k + 1);
            mul(at(forget, k), at(cells, k), cNew);
            add(cNew, at(ig, k), cNew);
        }
        act.apply(cells.get(NDArrayIndex.interval(1, steps + 1), NDArrayIndex.all(), NDArrayIndex.all()), cellAct);
        return true;
    }

    private INDArray dc;
    private INDArray dcNew;
    private INDArray coef3;    // [T, N, 3, u] s'(z_i) g, s'(z_f) c_{t-1}, a'(z_c) i: times dc they give dz_i, dz_f, dz_c
    private INDArray coefO;    // [T, N, u] s'(z_o) a(c_t): times dh it gives dz_o
    private INDArray cellCoef; // [T, N, u] a'(c_t) o: times dh it gives dh's part of dc
    private INDArray forget;   // [T, N, u] f
    private INDArray dz4;      // dz as [T, N, 4, u]
    private INDArray tmpO;     // [N, 1, u]

    /**
     * Everything in the backward step that depends on neither dh nor dc is computed here for all
     * steps at once, on contiguous arrays (libnd4j's pairwise kernels are 10-40 times slower on
     * column views than on contiguous arrays, broadcasts and copies are not), so the per-step loop
     * is the recurrent matmul and 6 small kernels, where it was 11, most of them on column views.
     */
    @Override
    protected void allocateBackward() {
        long u = units;
        long rows = (long) steps * n;
        dz = Allocator.empty(type, steps, n, 4L * u);
        dc = Allocator.empty(type, n, u).assign(0);
        dcNew = fresh == null ? dc : Allocator.empty(type, n, u);
        coef3 = Allocator.empty(type, steps, n, 3, u);
        coefO = Allocator.empty(type, steps, n, u);
        cellCoef = Allocator.empty(type, steps, n, u);
        boolean haveForget = forget != null;   // the fast forward made it already
        if (!haveForget) {
            forget = Allocator.empty(type, steps, n, u);
        }
        INDArray gi = Allocator.empty(type, rows, 1, u);
        INDArray gc = Allocator.empty(type, rows, 1, u);
        INDArray go = Allocator.empty(type, rows, 1, u);
        INDArray q = Allocator.empty(type, rows, 1, u);
        INDArray scratch = Allocator.empty(type, rows, 1, u);
        INDArray g4 = gates.reshape('c', rows, 4, u);
        gi.assign(block(g4, 0));
        INDArray gf = forget.reshape('c', rows, 1, u);
        if (!haveForget) {
            gf.assign(block(g4, 1));
        }
        gc.assign(block(g4, 2));
        go.assign(block(g4, 3));
        INDArray q3 = coef3.reshape('c', rows, 3, u);
        INDArray cPrev = cells.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                .reshape('c', rows, 1, u);
        INDArray aC = cellAct.reshape('c', rows, 1, u);
        recAct.backwardFromOutput(gi, gc, q, scratch);                            // s'(z_i) g
        block(q3, 0).assign(q);
        recAct.backwardFromOutput(gf, cPrev, q, scratch);                         // s'(z_f) c_{t-1}
        block(q3, 1).assign(q);
        act.backwardFromOutput(gc, gi, q, scratch);                               // a'(z_c) i
        block(q3, 2).assign(q);
        recAct.backwardFromOutput(go, aC, coefO.reshape('c', rows, 1, u), scratch); // s'(z_o) a(c_t)
        act.backwardFromOutput(aC, go, cellCoef.reshape('c', rows, 1, u), scratch); // a'(c_t) o
        INDArray d = dz;
        dz4 = cached(d, -2, 0, () -> d.reshape('c', steps, n, 4, units));
        INDArray t = tmpUnits();
        tmpO = cached(t, -2, 0, () -> t.reshape('c', n, 1, units));
    }

    /** Block {@code j} of a {@code [rows, k, u]} array, as a {@code [rows, 1, u]} view (one-off, not cached). */
    private static INDArray block(INDArray a3, int j) {
        return a3.get(NDArrayIndex.all(), NDArrayIndex.interval(j, j + 1), NDArrayIndex.all());
    }

    @Override
    protected void stepBack(int k, INDArray dh, INDArray m) {
        INDArray tmp = tmpUnits();
        if (m != null) {
            mul(dc, m, dcNew);
            sub(dc, dcNew, dc);              // the part carried past a masked step
        }
        mul(dh, at(cellCoef, k), tmp);
        add(dcNew, tmp, dcNew);
        INDArray d = dcNew;
        INDArray dc3 = cached(d, -2, 0, () -> d.reshape('c', n, 1, units));
        INDArray z4 = dz4;
        // dz_i, dz_f, dz_c in one broadcast of dc over the three blocks
        mul(at(coef3, k), dc3, cached(z4, -3, k, () -> z4.get(NDArrayIndex.point(k), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 3), NDArrayIndex.all())));
        // dz_o: the product on contiguous arrays, then copied into its block
        mul(dh, at(coefO, k), tmp);
        cached(z4, -4, k, () -> z4.get(NDArrayIndex.point(k), NDArrayIndex.all(), NDArrayIndex.interval(3, 4),
                NDArrayIndex.all())).assign(tmpO);
        if (m != null) {
            mul(dcNew, at(forget, k), tmp);
            add(dc, tmp, dc);
        } else {
            mul(dcNew, at(forget, k), dc);
        }
    }

    @Override
    protected INDArray projectionGrad() {
        return dz;
    }

    @Override
    protected INDArray biasGrad(INDArray into) {
        INDArray flat = dz.reshape('c', (long) steps * n, 4L * units);
        return into == null ? Native.call("reduce_sum", new INDArray[]{flat}, new long[]{0}, null, null)[0]
                : Native.into("reduce_sum", new INDArray[]{flat}, new INDArray[]{into}, new long[]{0}, null, null)[0];
    }
}
