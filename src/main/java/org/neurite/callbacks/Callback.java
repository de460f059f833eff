package org.neurite.callbacks;

import java.util.List;
import java.util.Map;

/**
 * Hooks into {@code fit}. Override what you need; the model is available as {@link #model()}, through
 * {@link TrainingModel}.
 * Epochs and batches are numbered from 0, as in Keras. {@code logs} hold the running values
 * ("loss", metric names, and at epoch end "val_loss", "val_" + metric names).
 */
public abstract class Callback {
    private TrainingModel model;

    /** Called by {@code fit} before training starts. */
    public void setModel(TrainingModel model) {
        this.model = model;
    }

    protected TrainingModel model() {
        return model;
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onBatchEnd(int batch, Map<String, Double> logs) {
    }

    /**
     * What this callback did in the last {@code fit} that changes its result (weights restored,
     * training stopped), as sentences; {@code fit} copies them into {@code History.warnings()} so
     * they are seen without an SLF4J binding. None by default.
     */
    public List<String> warnings() {
        return List.of();
    }
}
