package org.neurite.tensor.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/** The kernels of the recurrent sequence ops, run on preallocated buffers. */
final class SequenceKernels {

    private SequenceKernels() {
    }

    static void mul(INDArray a, INDArray b, INDArray out) {
        Native.into("multiply", new INDArray[]{a, b}, new INDArray[]{out}, null, null, null);
    }

    static void add(INDArray a, INDArray b, INDArray out) {
        Native.into("add", new INDArray[]{a, b}, new INDArray[]{out}, null, null, null);
    }

    static void sub(INDArray a, INDArray b, INDArray out) {
        Native.into("subtract", new INDArray[]{a, b}, new INDArray[]{out}, null, null, null);
    }

    /** {@code out = a b + beta out}. */
    static void matmul(INDArray a, INDArray b, INDArray out, double beta) {
        matmul(a, b, out, false, false, beta);
    }

    /**
     * {@code out = op(a) op(b) + beta out}. Every argument is always passed: calls with given
     * outputs share one cached context per shape, which keeps the previous call's arguments when
     * a call passes none (an earlier beta = 1 would survive).
     */
    static void matmul(INDArray a, INDArray b, INDArray out, boolean transA, boolean transB, double beta) {
        Native.into("matmul", new INDArray[]{a, b}, new INDArray[]{out}, new long[]{transA ? 1 : 0, transB ? 1 : 0},
                new double[]{1.0, beta}, null);
    }

    /** {@code a^T b} of type {@code type}, into {@code into} when given (a parameter's gradient buffer). */
    static INDArray gemmInto(DataType type, INDArray a, INDArray b, INDArray into) {
        INDArray out = into != null ? into.reshape(a.size(1), b.size(1)) : Allocator.empty(type, a.size(1), b.size(1));
        matmul(a, b, out, true, false, 0.0);
        return into != null ? into : out;
    }

    /** {@code x} reversed along its first (time) axis, as a new array. */
    static INDArray reverseTime(INDArray x) {
        INDArray out = Allocator.empty(x.dataType(), x.shape());
        return Native.into("reverse", new INDArray[]{x}, new INDArray[]{out}, new long[]{0}, null, null)[0];
    }
}
