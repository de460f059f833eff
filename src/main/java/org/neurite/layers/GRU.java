package org.neurite.layers;

import java.util.Map;

import org.neurite.tensor.ops.GruSequence;
import org.neurite.tensor.ops.RecurrentSequence;

/**
 * Gated recurrent unit, as Keras {@code GRU} with its default {@code reset_after=True} (the
 * reset gate multiplies the recurrent product, which has its own bias): gates z, r, h in Keras's
 * order, kernel {@code [in, 3u]} (Glorot uniform), recurrent kernel {@code [u, 3u]}
 * (orthogonal), bias {@code [2, 3u]} (zeros; row 0 for the input, row 1 for the recurrent
 * product). The whole sequence runs as one fused op ({@code ops/GruSequence}). Options and
 * masking: see {@link Recurrent}.
 *
 * <pre>{@code new GRU(64).returnSequences(true)}</pre>
 */
public final class GRU extends Recurrent<GRU> {

    public GRU(int units) {
        super(units);
    }

    @Override
    int gates() {
        return 3;
    }

    @Override
    long[] biasShape() {
        return new long[]{2, 3L * units()};
    }

    @Override
    RecurrentSequence op(RecurrentSequence.Options options) {
        return new GruSequence(options);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        super.writeConfig(config);
        config.put("reset_after", true);
    }
}
