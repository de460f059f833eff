package org.neurite.layers;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.ops.LstmSequence;
import org.neurite.tensor.ops.RecurrentSequence;

/**
 * Long short-term memory, as Keras {@code LSTM}: gates i, f, c, o in Keras's order along the
 * kernels' {@code 4u} axis, kernel {@code [in, 4u]} (Glorot uniform), recurrent kernel
 * {@code [u, 4u]} (orthogonal), bias {@code [4u]} (zeros, with the forget block set to one while
 * {@link #unitForgetBias} is on, the default). The whole sequence runs as one fused op
 * ({@code ops/LstmSequence}). Options and masking: see {@link Recurrent}.
 *
 * <pre>{@code new LSTM(64)}</pre>
 */
public final class LSTM extends Recurrent<LSTM> {
    private boolean unitForgetBias = true;

    public LSTM(int units) {
        super(units);
    }

    /** Initialises the forget gate's bias block to one (Jozefowicz et al.), as Keras by default. */
    public LSTM unitForgetBias(boolean value) {
        this.unitForgetBias = value;
        return this;
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    INDArray initialBias(DataType type) {
        INDArray b = super.initialBias(type);
        if (unitForgetBias) {
            b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(units(), 2L * units())).assign(1);
        }
        return b;
    }

    @Override
    RecurrentSequence op(RecurrentSequence.Options options) {
        return new LstmSequence(options);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        super.writeConfig(config);
        config.put("unit_forget_bias", unitForgetBias);
    }
}
