package org.neurite.tensor;

/**
 * For one kind of large native call (one {@link ContextCache} entry), the faster of one thread and
 * {@link Threads#max()}, found by timing both: each cycle starts with {@link #TRIALS} calls at each
 * count, alternating, and the rest of the cycle uses the one whose fastest call was faster. Two
 * threads pay only on a quiet machine: with other processes on the cores, an OpenMP region waits
 * for a descheduled thread (the seed CNN's step went from 1,240 to 83 samples/s at load 16), so the
 * choice is timed again every cycle.
 */
final class ThreadChoice {
    /** Timed calls per thread count at the start of each cycle. */
    static final int TRIALS = 3;
    /** Calls per cycle; the trials are 2 * {@link #TRIALS} of them. */
    static final int CYCLE = 500;
    /** More threads are chosen only when their fastest call beats one thread's by this factor. */
    static final double MARGIN = 0.95;

    private int position;
    private int threads = 1;
    private int chosen = 1;
    private long bestOne = Long.MAX_VALUE;
    private long bestMore = Long.MAX_VALUE;

    /** The threads of the next call, given the current maximum. */
    int next(int max) {
        if (max <= 1) {
            threads = 1;
        } else if (trial()) {
            threads = position % 2 == 0 ? 1 : max;
        } else {
            threads = chosen == 1 ? 1 : max;
        }
        return threads;
    }

    /** Whether the next call is a timed trial. */
    boolean trial() {
        return position < 2 * TRIALS;
    }

    /** Records the call just made by {@link #next}, which took {@code nanos} (read only in trials). */
    void record(long nanos) {
        if (trial()) {
            if (threads == 1) {
                bestOne = Math.min(bestOne, nanos);
            } else {
                bestMore = Math.min(bestMore, nanos);
            }
            if (position == 2 * TRIALS - 1) {
                chosen = bestMore < MARGIN * bestOne ? threads : 1;
                bestOne = Long.MAX_VALUE;
                bestMore = Long.MAX_VALUE;
            }
        }
        position = (position + 1) % CYCLE;
    }

    /** The threads chosen by the last trials (1 before the first trials end). */
    int chosen() {
        return chosen;
    }
}
