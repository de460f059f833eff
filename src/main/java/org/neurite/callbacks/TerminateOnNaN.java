package org.neurite.callbacks;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training as soon as the loss becomes NaN or infinite, and puts back the weights from
 * before the batch that produced it, so the model keeps its last good state.
 */
public final class TerminateOnNaN extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(TerminateOnNaN.class);

    private INDArray lastGood;
    private int terminatedBatch = -1;

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        terminatedBatch = -1;
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        lastGood = model().snapshotWeights(lastGood);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            terminatedBatch = batch;
            model().restoreWeights(lastGood);
            model().stopTraining(true);
            LOG.warn("TerminateOnNaN: batch {}: invalid loss {}, training stopped and the previous weights restored",
                    batch, loss);
        }
    }

    /** The batch whose loss was not finite, or -1. */
    public int terminatedBatch() {
        return terminatedBatch;
    }
}
