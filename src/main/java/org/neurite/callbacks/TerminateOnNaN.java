package org.neurite.callbacks;

import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training as soon as the loss becomes NaN or infinite and keeps the last good weights: those
 * from before the batch that produced it or, when an earlier step already left non-finite values
 * in them, those from one batch earlier (whose loss was finite).
 *
 * <pre>{@code model.fit(train, Fit.epochs(10).callbacks(new TerminateOnNaN()));}</pre>
 */
public final class TerminateOnNaN extends Callback {
    private String warning;
    private static final Logger LOG = LoggerFactory.getLogger(TerminateOnNaN.class);

    private INDArray current;
    private INDArray previous;
    private int terminatedBatch = -1;

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        terminatedBatch = -1;
        current = null;
        previous = null;
        warning = null;
    }

    @Override
    public List<String> warnings() {
        return warning == null ? List.of() : List.of(warning);
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        INDArray spare = previous;
        previous = current;
        current = model().snapshotWeights(spare);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && !Double.isFinite(loss)) {
            terminatedBatch = batch;
            boolean currentFinite = countNonFinite(current) == 0;
            model().restoreWeights(currentFinite || previous == null ? current : previous);
            model().stopTraining(true);
            warning = "TerminateOnNaN: batch " + batch + ": invalid loss " + loss + "; training stopped and the weights "
                    + "from before batch " + (currentFinite || previous == null ? batch : batch - 1) + " restored";
            LOG.warn(warning);
        }
    }

    /** The batch (0-based, within its epoch) whose loss was not finite, or -1. */
    public int terminatedBatch() {
        return terminatedBatch;
    }

    private static long countNonFinite(INDArray values) {
        return Nd4j.getExecutioner().exec(new MatchCondition(values, Conditions.notFinite())).getLong(0);
    }
}
