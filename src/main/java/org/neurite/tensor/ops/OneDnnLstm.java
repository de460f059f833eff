package org.neurite.tensor.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * libnd4j's {@code lstmLayer} forward where it runs on oneDNN: the whole sequence in one call,
 * about 1.1 ms for batch 32 x 56 steps x 32 inputs -> 64 units in FLOAT, where the composed steps
 * take several. Only the oneDNN kernel is worth calling: the generic {@code lstmLayer} (helpers
 * off, another backend, another data type) is slower than {@link LstmSequence}'s own steps.
 *
 * <p>The oneDNN kernel is used only in FLOAT, and it ignores the activation codes (always sigmoid
 * gates and tanh), so the caller must check that the cell is Keras's default one. It crashes in
 * FLOAT ("object is not initialized") unless the output, the last output and the last cell are
 * all requested, so all three are, and the last two are thrown away. Its operands must be plain
 * c-order arrays (oneDNN misreads strided views).
 */
final class OneDnnLstm {
    /** Whether this ND4J build is the CPU one with oneDNN helpers ({@code HAVE_ONEDNN} in its build flags). */
    static final boolean AVAILABLE = detect();

    // iargs: data format 0 = [T, N, in], direction 0 = forward, gate/cell/output activations sigmoid, tanh, tanh
    private static final long[] IARGS = {0, 0, 2, 0, 0};
    private static final double[] TARGS = {0.0};   // no cell clipping

    private OneDnnLstm() {
    }

    private static boolean detect() {
        try {
            return Nd4j.getEnvironment().isCPU()
                    && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Whether a call now would run on oneDNN, for {@code xt [T, N, in]} of {@code type} and
     * {@code units}: helpers can be switched off at run time, and calls too small for them run the
     * generic kernel.
     */
    static boolean usable(INDArray xt, DataType type, long units) {
        if (!AVAILABLE || type != DataType.FLOAT || !Nd4j.getEnvironment().helpersAllowed()) {
            return false;
        }
        long rows = xt.size(0) * xt.size(1);
        long elements = xt.length() + (xt.size(2) + units + 1) * 4 * units + rows * units + 2 * xt.size(1) * units;
        return Native.platformKernels(elements);
    }

    /**
     * Runs the LSTM over {@code xt [T, N, in]} (time-major, processing order) from zero state,
     * writing every step's output into {@code h [T, N, u]} (c-order, may be a contiguous view).
     * {@code bias} may be null.
     */
    static void forward(INDArray xt, INDArray kernel, INDArray recurrentKernel, INDArray bias, INDArray h) {
        long n = xt.size(1);
        long u = recurrentKernel.size(0);
        INDArray wx = ConvKernels.contiguous(kernel);
        INDArray wr = ConvKernels.contiguous(recurrentKernel);
        INDArray[] in = bias == null ? new INDArray[]{xt, wx, wr}
                : new INDArray[]{xt, wx, wr, ConvKernels.contiguous(bias)};
        INDArray lastH = Allocator.empty(xt.dataType(), n, u);
        INDArray lastC = Allocator.empty(xt.dataType(), n, u);
        // bargs: hasBias, hasSeqLen, hasInitH, hasInitC, hasPeephole, retFullSeq, retLastH, retLastC
        Native.into("lstmLayer", in, new INDArray[]{h, lastH, lastC}, IARGS, TARGS,
                new boolean[]{bias != null, false, false, false, false, true, true, true});
    }
}
