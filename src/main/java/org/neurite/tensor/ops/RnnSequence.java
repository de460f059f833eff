package org.neurite.tensor.ops;

import static org.neurite.tensor.ops.SequenceKernels.matmul;
import static org.neurite.tensor.ops.StepViews.at;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * A simple (Elman) recurrent layer over a whole sequence, as Keras's {@code SimpleRNN}:
 * {@code h_t = a(z_t)}, {@code z_t = x_t W + h_{t-1} U + b}. Backward:
 * {@code dz_t = a'(z_t) dh_t}, {@code dh_{t-1} = dz_t U^T}, and the weight gradients summed over
 * all steps (see {@link RecurrentSequence}). Inputs: x, W {@code [in, u]}, U {@code [u, u]},
 * optional b {@code [u]}.
 */
public final class RnnSequence extends RecurrentSequence {
    private INDArray z;   // [T, N, u]
    private INDArray dz;  // [T, N, u]

    public RnnSequence(Options options) {
        super(options);
    }

    @Override
    protected int gates() {
        return 1;
    }

    @Override
    protected void allocate(INDArray projection) {
        z = projection;
    }

    @Override
    protected void step(int k, INDArray hIn, INDArray hPrev, INDArray hNew, INDArray m) {
        INDArray zk = at(z, k);
        matmul(hIn, recurrentKernel(), zk, 1.0);
        act.apply(zk, hNew);
    }

    @Override
    protected void allocateBackward() {
        dz = Allocator.empty(type, steps, n, units);
    }

    @Override
    protected void stepBack(int k, INDArray dh, INDArray m) {
        act.backward(at(z, k), dh, at(dz, k));
    }

    @Override
    protected INDArray projectionGrad() {
        return dz;
    }

    @Override
    protected INDArray biasGrad(INDArray into) {
        INDArray flat = dz.reshape('c', (long) steps * n, units);
        return into == null ? Native.call("reduce_sum", new INDArray[]{flat}, new long[]{0}, null, null)[0]
                : Native.into("reduce_sum", new INDArray[]{flat}, new INDArray[]{into}, new long[]{0}, null, null)[0];
    }
}
