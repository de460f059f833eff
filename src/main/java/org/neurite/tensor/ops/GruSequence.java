package org.neurite.tensor.ops;

import static org.neurite.tensor.ops.SequenceKernels.add;
import static org.neurite.tensor.ops.SequenceKernels.matmul;
import static org.neurite.tensor.ops.SequenceKernels.mul;
import static org.neurite.tensor.ops.SequenceKernels.sub;
import static org.neurite.tensor.ops.StepViews.at;
import static org.neurite.tensor.ops.StepViews.cols;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * A GRU over a whole sequence, Keras's {@code reset_after=True} cell (gate blocks z, r, h along
 * {@code 3u}; bias {@code [2, 3u]}: the input row {@code b_x} and the recurrent row {@code b_h}).
 * Per step, with {@code s} the recurrent activation (sigmoid) and {@code a} the activation (tanh):
 * <pre>
 *   p = x_t W + b_x        q = h_{t-1} U + b_h
 *   z = s(p_z + q_z)       r = s(p_r + q_r)       hh = a(p_h + r q_h)
 *   h_t = z h_{t-1} + (1 - z) hh
 * </pre>
 * Backward, with {@code dh} the gradient reaching {@code h_t}:
 * <pre>
 *   dv = a'(p_h + r q_h) (1 - z) dh      dp_h = dv    dq_h = r dv
 *   dp_z = dq_z = s'(.) dh (h_{t-1} - hh)       dp_r = dq_r = s'(.) dv q_h
 *   dh_{t-1} = dq U^T + z dh
 * </pre>
 * Inputs: x, W {@code [in, 3u]}, U {@code [u, 3u]}, optional b {@code [2, 3u]}.
 */
public final class GruSequence extends RecurrentSequence {
    private INDArray p;      // [T, N, 3u] input projection
    private INDArray q;      // [T, N, 3u] recurrent projection
    private INDArray zr;     // [T, N, 2u] pre-activations of z, r
    private INDArray gate;   // [T, N, 2u] z, r
    private INDArray cand;   // [T, N, u] pre-activation of the candidate
    private INDArray hh;     // [T, N, u] candidate
    private INDArray dp;     // [T, N, 3u]
    private INDArray dq;     // [T, N, 3u]
    private INDArray dGate;  // [N, 2u]
    private INDArray direct; // [N, u] z dh of the current backward step

    public GruSequence(Options options) {
        super(options);
    }

    @Override
    protected int gates() {
        return 3;
    }

    @Override
    protected INDArray inputBias(INDArray b) {
        return at(b, 0);
    }

    @Override
    protected void allocate(INDArray projection) {
        p = projection;
        q = Allocator.empty(type, steps, n, 3L * units);
        if (bias != null) {
            INDArray flat = q.reshape('c', (long) steps * n, 3L * units).assign(0);
            add(flat, at(bias, 1), flat);
        }
        zr = Allocator.empty(type, steps, n, 2L * units);
        gate = Allocator.empty(type, steps, n, 2L * units);
        cand = Allocator.empty(type, steps, n, units);
        hh = Allocator.empty(type, steps, n, units);
    }

    @Override
    protected void step(int k, INDArray hIn, INDArray hPrev, INDArray hNew, INDArray m) {
        long u = units;
        INDArray pk = at(p, k);
        INDArray qk = at(q, k);
        matmul(hIn, recurrentKernel(), qk, bias == null ? 0.0 : 1.0);
        INDArray sk = at(zr, k);
        add(cols(pk, 0, 2 * u), cols(qk, 0, 2 * u), sk);
        INDArray gk = at(gate, k);
        recAct.apply(sk, gk);
        INDArray ck = at(cand, k);
        mul(cols(gk, u, 2 * u), cols(qk, 2 * u, 3 * u), ck);
        add(ck, cols(pk, 2 * u, 3 * u), ck);
        INDArray hk = at(hh, k);
        act.apply(ck, hk);
        INDArray tmp = tmpUnits();
        sub(hPrev, hk, tmp);
        mul(cols(gk, 0, u), tmp, tmp);
        add(hk, tmp, hNew);
    }

    @Override
    protected void allocateBackward() {
        dp = Allocator.empty(type, steps, n, 3L * units);
        dq = Allocator.empty(type, steps, n, 3L * units);
        dGate = Allocator.empty(type, n, 2L * units);
        direct = Allocator.empty(type, n, units);
    }

    @Override
    protected void stepBack(int k, INDArray dh, INDArray m) {
        long u = units;
        INDArray gk = at(gate, k);
        INDArray hk = at(hh, k);
        INDArray qk = at(q, k);
        INDArray dpk = at(dp, k);
        INDArray dqk = at(dq, k);
        INDArray tmp = tmpUnits();
        sub(at(states(), k), hk, tmp);
        mul(dh, tmp, cols(dGate, 0, u));                    // dz
        mul(dh, cols(gk, 0, u), direct);
        sub(dh, direct, tmp);                               // (1 - z) dh
        INDArray dv = cols(dpk, 2 * u, 3 * u);
        act.backward(at(cand, k), tmp, dv);
        mul(dv, cols(gk, u, 2 * u), cols(dqk, 2 * u, 3 * u));
        mul(dv, cols(qk, 2 * u, 3 * u), cols(dGate, u, 2 * u));   // dr
        INDArray dzr = cols(dpk, 0, 2 * u);
        recAct.backward(at(zr, k), dGate, dzr);
        cols(dqk, 0, 2 * u).assign(dzr);
    }

    @Override
    protected void addDirect(int k, INDArray dhNew, INDArray dhPrev) {
        add(dhPrev, direct, dhPrev);
    }

    @Override
    protected INDArray projectionGrad() {
        return dp;
    }

    @Override
    protected INDArray recurrentGrad() {
        return dq;
    }

    @Override
    protected INDArray biasGrad(INDArray into) {
        INDArray out = into != null ? into : Allocator.empty(type, 2, 3L * units);
        long rows = (long) steps * n;
        Native.into("reduce_sum", new INDArray[]{dp.reshape('c', rows, 3L * units)}, new INDArray[]{at(out, 0)},
                new long[]{0}, null, null);
        Native.into("reduce_sum", new INDArray[]{dq.reshape('c', rows, 3L * units)}, new INDArray[]{at(out, 1)},
                new long[]{0}, null, null);
        return out;
    }
}
