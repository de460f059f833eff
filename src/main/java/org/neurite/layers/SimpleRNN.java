package org.neurite.layers;

import org.neurite.tensor.ops.RecurrentSequence;
import org.neurite.tensor.ops.RnnSequence;

/**
 * A fully connected recurrent layer, as Keras {@code SimpleRNN}:
 * {@code h_t = tanh(x_t W + h_{t-1} U + b)}. Kernel {@code [in, u]} (Glorot uniform), recurrent
 * kernel {@code [u, u]} (orthogonal), bias {@code [u]} (zeros). Options and masking: see
 * {@link Recurrent}.
 *
 * <pre>{@code new SimpleRNN(32).returnSequences(true)}</pre>
 */
public final class SimpleRNN extends Recurrent<SimpleRNN> {

    public SimpleRNN(int units) {
        super(units);
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    boolean hasRecurrentActivation() {
        return false;
    }

    @Override
    RecurrentSequence op(RecurrentSequence.Options options) {
        return new RnnSequence(options);
    }
}
