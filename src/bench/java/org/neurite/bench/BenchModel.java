package org.neurite.bench;

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
     */
    void fitEpochs(Examples train, int batchSize, int epochs, IntConsumer afterEpoch);

    /** Classification accuracy on {@code test}, in [0, 1]. */
    double accuracy(Examples test);

    /** The number of trainable parameters, to check that both frameworks build the same model. */
    long parameters();
}
