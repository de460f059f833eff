package org.neurite.callbacks;

import java.util.Locale;

/**
 * Which logged value a callback watches and whether lower or higher is better. In "auto" mode,
 * values whose name contains "acc", "auc", "precision", "recall" or "f1" are maximised, the rest
 * minimised, as Keras does.
 */
final class Monitor {
    private final String key;
    private final boolean maximise;
    private final double minDelta;

    Monitor(String key, String mode, double minDelta) {
        this.key = key;
        this.minDelta = Math.abs(minDelta);
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "min":
                maximise = false;
                break;
            case "max":
                maximise = true;
                break;
            case "auto":
                maximise = key.matches(".*(acc|auc|precision|recall|f1).*");
                break;
            default:
                throw new IllegalArgumentException("mode must be 'auto', 'min' or 'max', got '" + mode + "'");
        }
    }

    String key() {
        return key;
    }

    /** The worst possible value, to start from. */
    double initial() {
        return maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Whether {@code current} beats {@code best} by more than the minimum delta. */
    boolean improved(double current, double best) {
        return maximise ? current - minDelta > best : current + minDelta < best;
    }
}
