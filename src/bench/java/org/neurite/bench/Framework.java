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
}
