package org.neurite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One seed model in one framework, as the harness drives it. {@code B} is the framework's own
 * form of a batch (Neurite: arrays in the harness layout; DL4J: a {@code DataSet} in NCHW with
 * one-hot labels), prepared before any timing.
 *
 * @param <B> the framework's batch
 */
public interface BenchModel<B> {
    /** Converts a batch in the layout of {@link Examples} into this framework's. */
    B prepare(Examples batch);

    /** One optimizer step on a prepared batch, as a user of the framework calls it. */
    void train(B batch);

    /**
     * Trains {@code epochs} passes over {@code train} in order, at {@code batchSize}, the
     * framework's usual way, calling {@code afterEpoch} with the epoch number (1-based) after each.
     * By default every batch is prepared once and {@link #train trained} on in each epoch, which is
     * how the peers, without a fit loop over arrays of their own, are used.
     */
    default void fitEpochs(Examples train, int batchSize, int epochs, IntConsumer afterEpoch) {
        List<B> batches = new ArrayList<>();
        for (Examples batch : train.batches(batchSize, Integer.MAX_VALUE)) {
            batches.add(prepare(batch));
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (B batch : batches) {
                train(batch);
            }
            afterEpoch.accept(epoch);
        }
    }

    /** Classification accuracy on {@code test}, in [0, 1]. */
    double accuracy(Examples test);

    /** The number of trainable parameters, to check that both frameworks build the same model. */
    long parameters();
}
