package org.neurite.examples;

import java.util.Locale;
import java.util.Map;

import org.neurite.callbacks.Callback;

/**
 * Measures training speed: the time from each epoch's start to its last batch (so the
 * validation pass at the end of the epoch does not count), printed per epoch as samples/s and
 * summed for {@link #samplesPerSecond()}.
 */
final class Throughput extends Callback {
    private final long examplesPerEpoch;
    private long epochStart;
    private long lastBatchEnd;
    private long trainingNanos;
    private int epochs;

    /** @param examplesPerEpoch the training examples one epoch visits (without the validation part) */
    Throughput(long examplesPerEpoch) {
        this.examplesPerEpoch = examplesPerEpoch;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochStart = System.nanoTime();
        lastBatchEnd = epochStart;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        lastBatchEnd = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        long nanos = lastBatchEnd - epochStart;
        trainingNanos += nanos;
        epochs++;
        System.out.printf(Locale.ROOT, "  epoch %d: %,.0f samples/s (training only)%n", epoch + 1,
                examplesPerEpoch / Math.max(1e-9, nanos / 1e9));
    }

    /** Training examples per second over all epochs so far. */
    double samplesPerSecond() {
        return epochs * examplesPerEpoch / Math.max(1e-9, trainingNanos / 1e9);
    }

    /** Seconds spent in training batches (validation excluded). */
    double trainingSeconds() {
        return trainingNanos / 1e9;
    }
}
