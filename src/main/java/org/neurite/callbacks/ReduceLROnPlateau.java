package org.neurite.callbacks;

import java.util.Map;

import org.neurite.optimizers.Optimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multiplies the learning rate by {@code factor} when a monitored value has not improved for
 * {@code patience} epochs, as Keras: monitor "val_loss", factor 0.1, patience 10, min delta
 * 1e-4, cooldown 0, min LR 0.
 */
public final class ReduceLROnPlateau extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);

    private final String monitorKey;
    private double factor = 0.1;
    private int patience = 10;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;
    private String mode = "auto";
    private Monitor monitor;
    private double best;
    private int wait;
    private int cooldownLeft;

    public ReduceLROnPlateau() {
        this("val_loss");
    }

    public ReduceLROnPlateau(String monitor) {
        this.monitorKey = monitor;
    }

    public ReduceLROnPlateau factor(double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in (0, 1), got " + value);
        }
        this.factor = value;
        return this;
    }

    public ReduceLROnPlateau patience(int epochs) {
        this.patience = epochs;
        return this;
    }

    public ReduceLROnPlateau minDelta(double value) {
        this.minDelta = value;
        return this;
    }

    public ReduceLROnPlateau cooldown(int epochs) {
        this.cooldown = epochs;
        return this;
    }

    public ReduceLROnPlateau minLr(double value) {
        this.minLr = value;
        return this;
    }

    public ReduceLROnPlateau mode(String value) {
        this.mode = value;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor(monitorKey, mode, minDelta);
        best = monitor.initial();
        wait = 0;
        cooldownLeft = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitorKey);
        if (current == null) {
            LOG.warn("ReduceLROnPlateau: '{}' is not among the logged values {}", monitorKey, logs.keySet());
            return;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.improved(current, best)) {
            best = current;
            wait = 0;
        } else if (cooldownLeft == 0 && ++wait >= patience) {
            Optimizer optimizer = model().optimizer();
            double old = optimizer.learningRate();
            double next = Math.max(old * factor, minLr);
            if (next < old) {
                optimizer.setLearningRate(next);
                LOG.info("ReduceLROnPlateau: epoch {}: learning rate {} -> {}", epoch + 1, old, next);
            }
            cooldownLeft = cooldown;
            wait = 0;
        }
        logs.put("learning_rate", model().optimizer().learningRate());
    }
}
