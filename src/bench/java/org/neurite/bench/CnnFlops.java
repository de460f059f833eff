package org.neurite.bench;

/**
 * Floating-point operations of one training step of the seed CNN, counted analytically.
 *
 * <p>Forward, per example: a convolution costs {@code 2 * k * k * Cin * Cout * Hout * Wout}, a
 * dense layer {@code 2 * in * out}; pooling, activations, the loss and the update are left out
 * (they are a few percent). Forward plus backward is counted as three forwards (the backward
 * computes the weight gradient and the input gradient, each as costly as the forward), as is
 * usual, although the first convolution needs no input gradient.
 */
public final class CnnFlops {
    private CnnFlops() {
    }

    /** Forward FLOPs of one example: 28x28x1 -> conv 3x3x32 -> pool 2 -> conv 3x3x64 -> pool 2 -> 128 -> 10. */
    public static long forwardPerExample() {
        int size = 28;
        long flops = 0;
        int channels = 1;
        for (int filters : new int[]{32, 64}) {
            size = size - 3 + 1;                                   // valid 3x3 convolution
            flops += conv(3, channels, filters, size, size);
            channels = filters;
            size = size / 2;                                       // 2x2 max pooling, floor
        }
        long flat = (long) size * size * channels;
        flops += dense(flat, 128) + dense(128, 10);
        return flops;
    }

    /** Forward plus backward FLOPs of one training step at {@code batchSize}. */
    public static long trainingStep(int batchSize) {
        return 3L * forwardPerExample() * batchSize;
    }

    static long conv(int k, int in, int out, int height, int width) {
        return 2L * k * k * in * out * height * width;
    }

    static long dense(long in, long out) {
        return 2L * in * out;
    }
}
