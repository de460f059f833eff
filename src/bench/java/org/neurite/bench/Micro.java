package org.neurite.bench;

import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neurite.tensor.Native;

/** Scratch micro-benchmarks of single kernels (ms per call). */
public final class Micro {
    private Micro() {
    }

    static void time(String name, Supplier<Object> f) {
        for (int i = 0; i < 20; i++) {
            f.get();
        }
        int n = 100;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            f.get();
        }
        System.out.printf("%-40s %8.3f ms%n", name, (System.nanoTime() - t0) / 1e6 / n);
    }

    public static void main(String[] args) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 26, 26, 32).subi(0.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, 32, 26, 26, 32);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 32, 26, 26, 32);
        time("relu_bp", () -> Native.call("relu_bp", x, g)[0]);
        time("relu_bp into", () -> Native.into("relu_bp", new INDArray[]{x, g}, new INDArray[]{out}, null, null, null));
        time("relu fwd", () -> Native.call("relu", new INDArray[]{x}, null, new double[]{0}, null)[0]);
        time("gt+cast+mul", () -> g.mul(x.gt(0).castTo(DataType.FLOAT)));
        time("step+muli", () -> Transforms.step(x, true).muli(g));
        time("mul", () -> g.mul(x));
        time("cmp: x.gt(0)", () -> x.gt(0));
        // matmul on views
        INDArray flat = Nd4j.rand(DataType.FLOAT, 300_000);
        INDArray wView = flat.get(NDArrayIndex.interval(1000, 1000 + 1600 * 128)).reshape('c', 1600, 128);
        INDArray w = wView.dup();
        INDArray a = Nd4j.rand(DataType.FLOAT, 32, 1600);
        time("mmul fresh w", () -> a.mmul(w));
        time("mmul view w", () -> a.mmul(wView));
        time("gemm a^T g (view shapes)", () -> Nd4j.gemm(a, Nd4j.rand(DataType.FLOAT, 32, 128), true, false));
        // conv1 via slices
        INDArray img = Nd4j.rand(DataType.FLOAT, 32, 28, 28, 1);
        INDArray k1 = Nd4j.rand(DataType.FLOAT, 3, 3, 1, 32);
        INDArray b1 = Nd4j.rand(DataType.FLOAT, 32);
        long[] ia = {3, 3, 1, 1, 0, 0, 1, 1, 0, 1, 0};
        time("conv2d 1->32 nhwc", () -> Native.call("conv2d", new INDArray[]{img, k1, b1}, ia, null, null)[0]);
        INDArray gy = Nd4j.rand(DataType.FLOAT, 32, 26, 26, 32);
        time("conv2d_bp 1->32 nhwc", () -> Native.call("conv2d_bp", new INDArray[]{img, k1, b1, gy}, ia, null, null));
        INDArray patches = Nd4j.createUninitialized(DataType.FLOAT, 32, 26, 26, 9);
        time("patches by 9 slices", () -> {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    patches.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(i * 3 + j))
                            .assign(img.get(NDArrayIndex.all(), NDArrayIndex.interval(i, i + 26),
                                    NDArrayIndex.interval(j, j + 26), NDArrayIndex.point(0)));
                }
            }
            return patches;
        });
        INDArray p2 = patches.reshape(32 * 26 * 26, 9);
        INDArray k2 = k1.reshape(9, 32);
        time("patch gemm fwd", () -> p2.mmul(k2));
        INDArray g2 = gy.reshape(32 * 26 * 26, 32);
        time("patch gemm dW", () -> Nd4j.gemm(p2, g2, true, false));
        time("bias grad sum", () -> g2.sum(0));
        INDArray x2 = Nd4j.rand(DataType.FLOAT, 32, 13, 13, 32);
        INDArray k3 = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 64);
        INDArray b3 = Nd4j.rand(DataType.FLOAT, 64);
        INDArray gy3 = Nd4j.rand(DataType.FLOAT, 32, 11, 11, 64);
        time("conv2d 32->64 nhwc", () -> Native.call("conv2d", new INDArray[]{x2, k3, b3}, ia, null, null)[0]);
        time("conv2d_bp 32->64 nhwc", () -> Native.call("conv2d_bp", new INDArray[]{x2, k3, b3, gy3}, ia, null, null));
        INDArray x2c = x2.permute(0, 3, 1, 2).dup();
        INDArray gy3c = gy3.permute(0, 3, 1, 2).dup();
        long[] iac = {3, 3, 1, 1, 0, 0, 1, 1, 0, 0, 0};
        time("conv2d 32->64 nchw", () -> Native.call("conv2d", new INDArray[]{x2c, k3, b3}, iac, null, null)[0]);
        time("conv2d_bp 32->64 nchw", () -> Native.call("conv2d_bp", new INDArray[]{x2c, k3, b3, gy3c}, iac, null, null));
        long[] pa = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};
        time("maxpool nhwc", () -> Native.call("maxpool2d", new INDArray[]{x}, pa, null, null)[0]);
        INDArray gp = Nd4j.rand(DataType.FLOAT, 32, 13, 13, 32);
        time("maxpool_bp nhwc", () -> Native.call("maxpool2d_bp", new INDArray[]{x, gp}, pa, null, null)[0]);
    }
}
