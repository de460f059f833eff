package org.neurite.bench;

import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Native;

/** How much of a tiny op's cost is allocation, shape inference and op construction (us per call). */
public final class OpOverhead {
    private OpOverhead() {
    }

    static void time(String name, Supplier<Object> f) {
        for (int i = 0; i < 2000; i++) {
            f.get();
        }
        int n = 20000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            f.get();
        }
        System.out.printf("%-50s %8.2f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
    }

    public static void main(String[] args) {
        INDArray z = Nd4j.rand(DataType.FLOAT, 32, 64);
        INDArray a = Nd4j.create(DataType.FLOAT, 32, 64);
        time("relu Native.call (allocates)", () -> Native.call("relu", new INDArray[]{z}, null, new double[]{0}, null));
        time("relu Native.into preallocated", () -> Native.into("relu", new INDArray[]{z}, new INDArray[]{a}, null,
                new double[]{0}, null));
        time("relu into, output from workspace", () -> {
            try (MemoryScope s = MemoryScope.open("x")) {
                INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 32, 64);
                return Native.into("relu", new INDArray[]{z}, new INDArray[]{out}, null, new double[]{0}, null);
            }
        });
        DynamicCustomOp relu = new DynamicCustomOp("relu", new INDArray[]{z}, new INDArray[]{a});
        relu.addTArgument(0.0);
        OpContext ctx = Nd4j.getExecutioner().buildContext();
        ctx.setInputArrays(z);
        ctx.setOutputArrays(a);
        ctx.setTArguments(0.0);
        time("relu reused op + OpContext", () -> Nd4j.getExecutioner().exec(relu, ctx));
        time("Nd4j.createUninitialized 32x64", () -> Nd4j.createUninitialized(DataType.FLOAT, 32, 64));
        time("z.add(z) (INDArray API)", () -> z.add(z));
        time("a.addi(z) in place", () -> a.addi(z));
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 5, 64);
        INDArray b = Nd4j.rand(DataType.FLOAT, 64);
        time("xw_plus_b Native.call", () -> Native.call("xw_plus_b", x, w, b));
        time("xw_plus_b into", () -> Native.into("xw_plus_b", new INDArray[]{x, w, b}, new INDArray[]{a}, null, null, null));
        time("x.mmul(w)", () -> x.mmul(w));
        for (boolean helpers : new boolean[]{true, false}) {
            OpContext c2 = Nd4j.getExecutioner().buildContext();
            c2.allowHelpers(helpers);
            DynamicCustomOp xw = new DynamicCustomOp("xw_plus_b", new INDArray[0], new INDArray[0]);
            c2.setInputArrays(x, w, b);
            c2.setOutputArrays(a);
            time("xw_plus_b reused ctx, helpers=" + helpers, () -> Nd4j.getExecutioner().exec(xw, c2));
            OpContext c3 = Nd4j.getExecutioner().buildContext();
            c3.allowHelpers(helpers);
            INDArray g = Nd4j.rand(DataType.FLOAT, 32, 64);
            INDArray o = Nd4j.create(DataType.FLOAT, 32, 64);
            DynamicCustomOp rb = new DynamicCustomOp("relu_bp", new INDArray[0], new INDArray[0]);
            c3.setInputArrays(z, g);
            c3.setOutputArrays(o);
            c3.setTArguments(0.0);
            time("relu_bp reused ctx, helpers=" + helpers, () -> Nd4j.getExecutioner().exec(rb, c3));
            OpContext c4 = Nd4j.getExecutioner().buildContext();
            c4.allowHelpers(helpers);
            c4.setInputArrays(z);
            c4.setOutputArrays(o);
            c4.setTArguments(0.0);
            DynamicCustomOp r = new DynamicCustomOp("relu", new INDArray[0], new INDArray[0]);
            time("relu reused ctx, helpers=" + helpers, () -> Nd4j.getExecutioner().exec(r, c4));
            INDArray x1 = Nd4j.rand(DataType.FLOAT, 32, 1600);
            INDArray w1 = Nd4j.rand(DataType.FLOAT, 1600, 128);
            INDArray b1 = Nd4j.rand(DataType.FLOAT, 128);
            INDArray o1 = Nd4j.create(DataType.FLOAT, 32, 128);
            OpContext c5 = Nd4j.getExecutioner().buildContext();
            c5.allowHelpers(helpers);
            c5.setInputArrays(x1, w1, b1);
            c5.setOutputArrays(o1);
            time("xw_plus_b 32x1600x128 reused ctx, helpers=" + helpers, () -> Nd4j.getExecutioner().exec(xw, c5));
        }
        time("sumNumber (sync to Java)", () -> z.sumNumber().doubleValue());
        time("getDouble(0)", () -> z.getDouble(0));
    }
}
