package org.neurite.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The workloads of the Neurite-versus-DL4J comparison. Each runs in its own JVM, once per framework
 * (see {@link Compare}); the models are the same in both frameworks (FLOAT, Adam with learning
 * rate 1e-3, the seed architectures):
 * <ul>
 *   <li>{@link #CNN32}, {@link #CNN128}: the seed CNN on Fashion-MNIST, training samples/s at batch
 *       32 and 128, plus the achieved GFLOP/s of the step beside ND4J's matmul peak;</li>
 *   <li>{@link #MLP}: the seed MLP (5 -> 64 -> 1) on synthetic separable data, steps/s at batch 32;</li>
 *   <li>{@link #TEXT}: the seed text CNN on the movie reviews (10,000 words, length 56), samples/s
 *       at batch 32;</li>
 *   <li>{@link #LSTM}: Embedding(10,000 x 32) -> LSTM(64) -> Dense(1, sigmoid) on the same movie reviews
 *       (length 56), samples/s at batch 32, against DL4J's {@code LSTM} wrapped in {@code LastTimeStep};</li>
 *   <li>{@link #MEMORY}: epochs of the CNN at batch 32 with the RSS after each epoch, the peak RSS,
 *       and the test accuracy after the first epoch.</li>
 * </ul>
 */
public enum Workload {
    CNN32(32, true),
    CNN128(128, true),
    MLP(32, false),
    TEXT(32, true),
    LSTM(32, true),
    MEMORY(32, true);

    private final int batchSize;
    private final boolean needsData;

    Workload(int batchSize, boolean needsData) {
        this.batchSize = batchSize;
        this.needsData = needsData;
    }

    /** The name on the command line and in result lines: {@code cnn32}, {@code mlp}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Whether the workload reads a dataset from the data root (the MLP makes its own data). */
    public boolean needsData() {
        return needsData;
    }

    /** Whether the workload trains on the movie reviews ({@link #TEXT}, {@link #LSTM}), else Fashion-MNIST. */
    public boolean movieReviews() {
        return this == TEXT || this == LSTM;
    }

    /** The workload called {@code id} (case-insensitive). */
    public static Workload of(String id) {
        for (Workload w : values()) {
            if (w.id().equalsIgnoreCase(id.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: "
                + Arrays.stream(values()).map(Workload::id).toList());
    }
}
