package org.neurite.bench;

/**
 * The seed models in one framework; implemented by {@link NeuriteRunner} and {@link Dl4jRunner}.
 * Every model is FLOAT and trains with Adam at learning rate 1e-3.
 */
public interface Framework {
    /** {@code neurite} or {@code dl4j}. */
    String name();

    /** The seed CNN: 28x28x1 -> Conv2D(32, 3, relu) -> MaxPool 2 -> Conv2D(64, 3, relu) -> MaxPool 2 -> 128 relu -> 10 softmax. */
    BenchModel<?> cnn(long seed);

    /** The seed MLP: 5 -> 64 relu -> 1 sigmoid, binary cross-entropy. */
    BenchModel<?> mlp(long seed);

    /** The seed text CNN: 56 ids -> Embedding(10000, 16) -> Conv1D(128, 5, relu) -> global max -> 1 sigmoid. */
    BenchModel<?> textCnn(long seed);

    /**
     * The LSTM text model: 56 ids -> Embedding(10000, 32) -> LSTM(64) (tanh, sigmoid gates; the last
     * step's output only) -> 1 sigmoid, binary cross-entropy; 344,897 parameters (the LSTM's
     * 4 * (32 * 64 + 64 * 64 + 64) = 24,832 of them).
     */
    BenchModel<?> lstm(long seed);

    /**
     * The framework's best FLOAT matmul rate in GFLOP/s, measured in this JVM (1024 x 1024 products):
     * the practical peak a step's GFLOP/s is set against. By default ND4J's ({@link MatmulPeak}).
     */
    default double matmulPeak() {
        return MatmulPeak.measure(5);
    }
}
