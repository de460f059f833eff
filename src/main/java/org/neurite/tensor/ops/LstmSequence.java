package org.neurite.tensor.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
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
 * Masking carries both {@code h} and {@code c} (see {@link RecurrentSequence}). Inputs: x, W
 * {@code [in, 4u]}, U {@code [u, 4u]}, optional b {@code [4u]}.
 */
public final class LstmSequence extends RecurrentSequence {
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
    protected INDArray inputBias(INDArray b) {
        return b;
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

    private INDArray dc;
    private INDArray dcNew;
    private INDArray dGate;
    private INDArray tmp2;

    @Override
    protected void allocateBackward() {
        dz = Allocator.empty(type, steps, n, 4L * units);
        dc = Allocator.empty(type, n, units).assign(0);
        dcNew = fresh == null ? dc : Allocator.empty(type, n, units);
        dGate = Allocator.empty(type, n, 4L * units);
        tmp2 = Allocator.empty(type, n, units);
    }

    @Override
    protected void stepBack(int k, INDArray dh, INDArray m) {
        long u = units;
        INDArray gk = at(gates, k);
        INDArray cPrev = at(cells, k);
        INDArray cNew = freshCell(k);
        INDArray tmp = tmpUnits();
        if (m != null) {
            mul(dc, m, dcNew);
            sub(dc, dcNew, dc);              // the part carried past a masked step
        }
        mul(dh, at(cellAct, k), cols(dGate, 3 * u, 4 * u));
        mul(dh, cols(gk, 3 * u, 4 * u), tmp);
        act.backward(cNew, tmp, tmp2);
        add(dcNew, tmp2, dcNew);
        mul(dcNew, cols(gk, 2 * u, 3 * u), cols(dGate, 0, u));
        mul(dcNew, cPrev, cols(dGate, u, 2 * u));
        mul(dcNew, cols(gk, 0, u), cols(dGate, 2 * u, 3 * u));
        if (m != null) {
            mul(dcNew, cols(gk, u, 2 * u), tmp);
            add(dc, tmp, dc);
        } else {
            mul(dcNew, cols(gk, u, 2 * u), dc);
        }
        INDArray zk = at(z, k);
        INDArray dzk = at(dz, k);
        recAct.backward(zk, dGate, dzk);
        act.backward(cols(zk, 2 * u, 3 * u), cols(dGate, 2 * u, 3 * u), cols(dzk, 2 * u, 3 * u));
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

    @Override
    public void release() {
        super.release();
        z = null;
        gates = null;
        cells = null;
        fresh = null;
        cellAct = null;
        dz = null;
        dc = null;
        dcNew = null;
        dGate = null;
        tmp2 = null;
    }
}
