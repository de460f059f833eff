package org.neurite.tensor;

import org.nd4j.autodiff.samediff.serde.FlatBuffersMapper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where Neurite calls libnd4j kernels by name. Every op class goes through here,
 * so output reuse, per-kernel profiling or a different backend strategy change in one file.
 *
 * <p>Calls are backend-neutral: the same op names run on the CPU and CUDA builds of ND4J.
 */
public final class Native {
    private static final INDArray[] NONE = new INDArray[0];

    private Native() {
    }

    /** Runs {@code name} on {@code inputs}; ND4J allocates the outputs. */
    public static INDArray[] call(String name, INDArray... inputs) {
        return call(name, inputs, null, null, null);
    }

    /** Runs {@code name} with integer, floating-point and boolean arguments; ND4J allocates the outputs. */
    public static INDArray[] call(String name, INDArray[] inputs, long[] iargs, double[] targs, boolean[] bargs) {
        return into(name, inputs, NONE, iargs, targs, bargs);
    }

    /** Runs {@code name} writing into preallocated {@code outputs}; returns them. */
    public static INDArray[] into(String name, INDArray[] inputs, INDArray[] outputs,
                                  long[] iargs, double[] targs, boolean[] bargs) {
        Profiler.Timer timer = Profiler.start(name);
        try {
            return ContextCache.exec(name, inputs, outputs, iargs, targs, bargs);
        } finally {
            timer.stop();
        }
    }

    /** The op object for one call, arguments attached. */
    static DynamicCustomOp build(String name, INDArray[] inputs, INDArray[] outputs,
                                 long[] iargs, double[] targs, boolean[] bargs) {
        DynamicCustomOp op = new DynamicCustomOp(name, inputs, outputs);
        if (iargs != null && iargs.length > 0) {
            op.addIArgument(iargs);
        }
        if (targs != null && targs.length > 0) {
            op.addTArgument(targs);
        }
        if (bargs != null && bargs.length > 0) {
            op.addBArgument(bargs);
        }
        return op;
    }

    /**
     * Whether a call on {@code elements} elements (inputs and outputs together) may use the platform
     * kernels (oneDNN, cuDNN): below a threshold their set-up costs more than they save, so the
     * generic kernels run instead.
     */
    public static boolean platformKernels(long elements) {
        return elements >= ContextCache.HELPER_MIN;
    }

    /**
     * Whether {@link #gemm} runs libnd4j's {@code matmul} op (oneDNN's AVX-512 kernels in the CPU
     * build, pooled output) rather than OpenBLAS's gemm: {@code -Dneurite.matmul.op=false} turns it off.
     */
    private static volatile boolean matmulOp = !"false".equals(System.getProperty("neurite.matmul.op"));

    /** Chooses {@link #gemm}'s route: libnd4j's {@code matmul} op (the default) or OpenBLAS's gemm. */
    public static void matmulOp(boolean on) {
        matmulOp = on;
    }

    /**
     * {@code a b} of 2-D arrays ({@code a} or {@code b} transposed when asked), a new array. By
     * default through libnd4j's {@code matmul} op: for the thin products of a convolution's kernel
     * gradient ({@code 9 x 21632 x 32} in the seed CNN) it measured 28-53 GFLOP/s against OpenBLAS's
     * 1.2-1.9 (ND4J 1.0.0-M2.1, one thread).
     */
    public static INDArray gemm(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        if (matmulOp) {
            return call("matmul", new INDArray[]{a, b}, new long[]{transposeA ? 1 : 0, transposeB ? 1 : 0}, null,
                    null)[0];
        }
        Profiler.Timer timer = Profiler.start("gemm");
        try {
            Threads.use(1);
            return Nd4j.gemm(a, b, transposeA, transposeB);
        } finally {
            timer.stop();
        }
    }

    /** Runs a legacy (non-custom) ND4J op object, such as {@code GELU} or {@code Erf}. */
    public static INDArray legacy(Op op) {
        Profiler.Timer timer = Profiler.start(op.opName());
        try {
            Threads.use(1);
            return Nd4j.exec(op);
        } finally {
            timer.stop();
        }
    }

    /** {@code x} converted to {@code type} (a new array in the current scope). */
    public static INDArray cast(INDArray x, DataType type) {
        INDArray out = Allocator.empty(type, x.shape());
        return into("cast", new INDArray[]{x}, new INDArray[]{out},
                new long[]{FlatBuffersMapper.getDataTypeAsByte(type)}, null, null)[0];
    }

    /** Reduces {@code x} with {@code reduce_<kind>} (sum, mean, max, min, ...) over {@code axes} (all when empty). */
    public static INDArray reduce(String kind, INDArray x, boolean keepDims, int... axes) {
        long[] dims = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = axes[i];
        }
        return call("reduce_" + kind, new INDArray[]{x}, dims, null, new boolean[]{keepDims})[0];
    }

    /**
     * Adds row {@code i} of {@code rows} to row {@code ids[i]} of {@code target} ({@code [V, D]}),
     * repeated ids accumulating. ND4J's scatter-update kernel (the one DL4J's embedding uses) walks
     * precomputed row offsets and is about 30% faster here than the {@code scatter_add} op, which
     * builds a sub-array per row; it splits work by target row, so duplicates never race.
     */
    public static void scatterAddRows(INDArray target, INDArray ids, INDArray rows) {
        Profiler.Timer timer = Profiler.start("scatter_update_add");
        try {
            Threads.use(1);
            Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, target, ids, rows, 1);
        } finally {
            timer.stop();
        }
    }

    // ------------------------------------------------------------------ legacy elementwise kernels
    // Each writes into a new array like x when copy is true, else into x; the same kernels as
    // ND4J's Transforms, timed here like every other call.

    public static INDArray exp(INDArray x, boolean copy) {
        return legacy(new Exp(x, target(x, copy)));
    }

    public static INDArray log(INDArray x, boolean copy) {
        return legacy(new Log(x, target(x, copy)));
    }

    public static INDArray log1p(INDArray x, boolean copy) {
        return legacy(new Log1p(x, target(x, copy)));
    }

    public static INDArray sqrt(INDArray x, boolean copy) {
        return legacy(new Sqrt(x, target(x, copy)));
    }

    public static INDArray abs(INDArray x, boolean copy) {
        return legacy(new Abs(x, target(x, copy)));
    }

    public static INDArray sign(INDArray x, boolean copy) {
        return legacy(new Sign(x, target(x, copy)));
    }

    public static INDArray sigmoid(INDArray x, boolean copy) {
        return legacy(new Sigmoid(x, target(x, copy)));
    }

    /** max(x, 0). */
    public static INDArray relu(INDArray x, boolean copy) {
        return legacy(new RectifiedLinear(x, target(x, copy)));
    }

    public static INDArray pow(INDArray x, double power, boolean copy) {
        return legacy(new Pow(x, target(x, copy), power));
    }

    /** {@code y += alpha * x} in place (x and y of the same type and shape; views are fine). */
    public static void axpy(double alpha, INDArray x, INDArray y) {
        legacy(new Axpy(x, y, y, alpha));
    }

    private static INDArray target(INDArray x, boolean copy) {
        return copy ? x.ulike() : x;
    }
}
