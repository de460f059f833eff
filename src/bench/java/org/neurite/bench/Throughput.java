package org.neurite.bench;

import java.util.ArrayList;
import java.util.List;

/** Times training steps: warm-up steps, then timed steps, cycling over prepared batches. */
public final class Throughput {
    private Throughput() {
    }

    /**
     * Steps per second of {@code model} over {@code steps} timed steps after {@code warmup}
     * untimed ones. The batches are converted to the framework's form first, outside the timing.
     */
    public static <B> double stepsPerSecond(BenchModel<B> model, List<Examples> batches, int warmup, int steps) {
        List<B> prepared = new ArrayList<>(batches.size());
        for (Examples batch : batches) {
            prepared.add(model.prepare(batch));
        }
        int n = prepared.size();
        for (int i = 0; i < warmup; i++) {
            model.train(prepared.get(i % n));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.train(prepared.get((warmup + i) % n));
        }
        return steps / ((System.nanoTime() - t0) / 1e9);
    }
}
