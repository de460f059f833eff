package org.neurite.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's FLOAT matrix-multiply throughput, measured in the calling JVM: the best of several
 * 1024x1024 products into a preallocated result ({@code 2 * 1024^3} FLOPs each). It is the
 * practical peak the CNN step's GFLOP/s is set against: same native build, same threads.
 */
public final class MatmulPeak {
    private static final int N = 1024;

    private MatmulPeak() {
    }

    /** GFLOP/s of the fastest of {@code reps} products, after two warm-up products. */
    public static double measure(int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, N, N);
        INDArray b = Nd4j.rand(DataType.FLOAT, N, N);
        INDArray c = Nd4j.create(DataType.FLOAT, N, N);
        double best = Double.MAX_VALUE;
        for (int i = -2; i < reps; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (i >= 0) {
                best = Math.min(best, seconds);
            }
        }
        a.close();
        b.close();
        c.close();
        return 2.0 * N * N * N / best / 1e9;
    }
}
