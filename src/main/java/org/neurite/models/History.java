package org.neurite.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.callbacks.Callback;

/** Per-epoch values recorded by {@code fit}: {@code history.get("val_loss")}. */
public final class History extends Callback {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** The value of {@code key} after each epoch ("loss", "accuracy", "val_loss", ...). */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("history has no '" + key + "'; recorded: " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** All recorded series, in the order first seen. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** The epoch numbers (0-based) that completed. */
    public List<Integer> epochs() {
        return List.copyOf(epochs);
    }

    /** The last recorded value of {@code key}. */
    public double last(String key) {
        List<Double> v = get(key);
        return v.get(v.size() - 1);
    }

    /**
     * What changed the result of this {@code fit} beyond the recorded values, as sentences: the
     * callbacks' {@link Callback#warnings()}, such as EarlyStopping restoring the best epoch's
     * weights or TerminateOnNaN stopping at a bad batch. Empty when nothing did.
     */
    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Records the warnings of {@code callbacks} at the end of {@code fit}. */
    void collectWarnings(List<Callback> callbacks) {
        for (Callback c : callbacks) {
            if (c != this) {
                warnings.addAll(c.warnings());
            }
        }
    }

    @Override
    public String toString() {
        return "History" + values + (warnings.isEmpty() ? "" : ", warnings " + warnings);
    }
}
