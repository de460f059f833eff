package org.neurite.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops training when a monitored value has stopped improving, as Keras's {@code EarlyStopping}:
 * monitor "val_loss", patience 0, min delta 0, mode "auto"; optionally restores the weights of
 * the best epoch.
 *
 * <pre>{@code Fit.epochs(100).callbacks(new EarlyStopping("val_loss").patience(3).restoreBestWeights(true))}</pre>
 */
public final class EarlyStopping extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);

    private final String monitorKey;
    private String mode = "auto";
    private double minDelta;
    private int patience;
    private boolean restoreBestWeights;
    private final List<String> warnings = new ArrayList<>();
    private Monitor monitor;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private INDArray bestWeights;

    public EarlyStopping() {
        this("val_loss");
    }

    public EarlyStopping(String monitor) {
        this.monitorKey = monitor;
    }

    public EarlyStopping patience(int epochs) {
        this.patience = epochs;
        return this;
    }

    public EarlyStopping minDelta(double value) {
        this.minDelta = value;
        return this;
    }

    public EarlyStopping mode(String value) {
        this.mode = value;
        return this;
    }

    public EarlyStopping restoreBestWeights(boolean value) {
        this.restoreBestWeights = value;
        return this;
    }

    /** The epoch (0-based) at which training was stopped, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (0-based) with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor(monitorKey, mode, minDelta);
        best = monitor.initial();
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        bestWeights = null;
        warnings.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitorKey);
        if (current == null) {
            LOG.warn("EarlyStopping: '{}' is not among the logged values {}; not stopping", monitorKey, logs.keySet());
            return;
        }
        if (monitor.improved(current, best)) {
            best = current;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = model().snapshotWeights();
            }
            return;
        }
        wait++;
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
            if (restoreBestWeights && bestWeights != null) {
                model().restoreWeights(bestWeights);
                LOG.info("EarlyStopping: restored the weights of epoch {}", bestEpoch + 1);
                warnings.add(String.format(Locale.ROOT, "EarlyStopping: training stopped after epoch %d; the model "
                        + "has the weights of epoch %d (best %s %.6g), not those of the last epoch", epoch + 1,
                        bestEpoch + 1, monitorKey, best));
            }
        }
    }
}
