package org.neurite.models;

import java.util.ArrayList;
import java.util.List;

/**
 * What may run at once on one model (docs/reliability.md, "Concurrency"). It never waits: a call
 * that may not start now fails at once with an {@link IllegalStateException} naming both
 * operations and the thread of the one running, so a misuse cannot deadlock or corrupt silently.
 *
 * <ul>
 * <li>{@link Kind#TRAIN} ({@code fit}, {@code trainOnBatch}): one at a time per model, on any thread;
 *     not while a change or a save runs on another thread.</li>
 * <li>{@link Kind#CHANGE} ({@code compile}, {@code setWeights}, {@code restoreWeights},
 *     {@code loadWeights}, {@code add}, {@code pop}): not while a training, a change or a save
 *     runs on another thread. On the thread that is training (a callback restoring the best
 *     weights) it runs inside that training.</li>
 * <li>{@link Kind#SAVE} ({@code save}): any number at once; not while a training or a change
 *     runs on another thread (the file would mix two states).</li>
 * </ul>
 * {@code predict}, {@code evaluate} and the other reads are not guarded: they may run with each
 * other and with everything above.
 */
final class UseGuard {
    enum Kind { TRAIN, CHANGE, SAVE }

    /** A running operation; closing it ends it. */
    interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private record Use(Kind kind, String operation, Thread thread) {
        String describe() {
            return operation + " (thread '" + thread.getName() + "')";
        }
    }

    private static final Ticket NESTED = () -> { };

    private final List<Use> running = new ArrayList<>();

    /**
     * Starts {@code operation} of {@code kind} on this thread, or throws naming the operation
     * that prevents it.
     *
     * @param model the model's name, for the message
     */
    synchronized Ticket begin(String model, Kind kind, String operation) {
        Thread me = Thread.currentThread();
        for (Use other : running) {
            boolean sameThread = other.thread == me;
            if (kind == Kind.TRAIN && other.kind == Kind.TRAIN) {
                throw conflict(model, operation, other, sameThread
                        ? "; a model trains in one call at a time (is a callback of the running one calling it?)"
                        : "; a model trains on one thread at a time: wait for it to end, or train a copy "
                        + "(save and load it) on the other thread");
            }
            if (sameThread) {
                continue;   // a callback of a fit on this thread restoring or saving weights
            }
            if (kind == Kind.SAVE && other.kind == Kind.SAVE) {
                continue;
            }
            throw conflict(model, operation, other, other.kind == Kind.SAVE
                    ? "; the file would mix the model before and after it: wait for the save to end"
                    : "; the weights, optimizer and metrics are in use: wait for it to end, or ask a fit "
                    + "to stop with stopTraining(true)");
        }
        if (kind == Kind.CHANGE && running.stream().anyMatch(u -> u.thread == me && u.kind == Kind.TRAIN)) {
            return NESTED;
        }
        Use use = new Use(kind, operation, me);
        running.add(use);
        return () -> end(use);
    }

    private synchronized void end(Use use) {
        running.remove(use);
    }

    private static IllegalStateException conflict(String model, String operation, Use other, String advice) {
        return new IllegalStateException(model + ": " + operation + " (thread '" + Thread.currentThread().getName()
                + "') cannot start while " + other.describe() + " is running on this model" + advice
                + " (docs/reliability.md)");
    }
}
