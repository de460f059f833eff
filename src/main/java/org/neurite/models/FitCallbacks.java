package org.neurite.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.neurite.callbacks.Callback;
import org.neurite.callbacks.ProgressBar;

/**
 * The callbacks of one fit, as every training loop sets them up: the {@link History} first, the
 * progress bar when {@code verbose > 0}, then the caller's, each given the model; and at the end
 * the warnings the callbacks gathered, copied into the History. {@link Trainer} and
 * {@link DistributedFit} both run their epochs between {@link #open} and {@link #finish}.
 */
final class FitCallbacks {
    private final History history = new History();
    private final List<Callback> all = new ArrayList<>();

    private FitCallbacks() {
    }

    /**
     * Sets up the callbacks of a fit of {@code model} and clears its stop flag.
     *
     * @param stepsPerEpoch the steps of an epoch, or -1 for a stream of unknown length (one line per epoch)
     */
    static FitCallbacks open(Network model, Fit options, int stepsPerEpoch) {
        FitCallbacks callbacks = new FitCallbacks();
        callbacks.all.add(callbacks.history);
        if (options.verbose() > 0) {
            callbacks.all.add(stepsPerEpoch >= 0 ? ProgressBar.forVerbose(options.verbose(), options.epochs(), stepsPerEpoch)
                    : ProgressBar.perEpoch(options.epochs()));
        }
        callbacks.all.addAll(options.callbacks());
        callbacks.all.forEach(c -> c.setModel(model));
        model.stopTraining(false);
        return callbacks;
    }

    /** Every callback, in the order they are called. */
    List<Callback> all() {
        return Collections.unmodifiableList(all);
    }

    /** Ends the fit: {@code onTrainEnd} with the last epoch's logs, the warnings into the History. */
    History finish(Map<String, Double> logs) {
        all.forEach(c -> c.onTrainEnd(logs));
        history.collectWarnings(all);
        return history;
    }
}
