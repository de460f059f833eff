package org.neurite.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A callback from lambdas, as Keras's {@code LambdaCallback}:
 * {@code new LambdaCallback().onEpochEnd((epoch, logs) -> log.info("{} {}", epoch, logs))}.
 */
public final class LambdaCallback extends Callback {
    private Consumer<Map<String, Double>> trainBegin = logs -> { };
    private Consumer<Map<String, Double>> trainEnd = logs -> { };
    private BiConsumer<Integer, Map<String, Double>> epochBegin = (e, logs) -> { };
    private BiConsumer<Integer, Map<String, Double>> epochEnd = (e, logs) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchBegin = (b, logs) -> { };
    private BiConsumer<Integer, Map<String, Double>> batchEnd = (b, logs) -> { };

    public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> f) {
        trainBegin = f;
        return this;
    }

    public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> f) {
        trainEnd = f;
        return this;
    }

    public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> f) {
        epochBegin = f;
        return this;
    }

    public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
        epochEnd = f;
        return this;
    }

    public LambdaCallback onBatchBegin(BiConsumer<Integer, Map<String, Double>> f) {
        batchBegin = f;
        return this;
    }

    public LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> f) {
        batchEnd = f;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        trainBegin.accept(logs);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        trainEnd.accept(logs);
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochBegin.accept(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.accept(epoch, logs);
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        batchBegin.accept(batch, logs);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.accept(batch, logs);
    }
}
