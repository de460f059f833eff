package org.neurite.tensor;

/**
 * For one kind of large native call (one {@link ContextCache} entry), the faster of one thread and
 * more, found by timing both: each cycle starts with {@link #TRIALS} calls at each count,
 * alternating, and the rest of the cycle uses more threads only when even their slowest trial beat
 * one thread's fastest by {@link #MARGIN}. The rule leans to one thread because the risks are
 * unequal: a second thread saves at most half a call, but with other processes on the cores an
 * OpenMP region waits for a descheduled thread (the seed CNN's step went from 1,240 to 83
 * samples/s at load 16 with two threads). The choice is timed again every cycle.
 */
final class ThreadChoice {
    /** Timed calls per thread count at the start of each cycle. */
    static final int TRIALS = 3;
    /** Calls per cycle; the trials are 2 * {@link #TRIALS} of them. */
    static final int CYCLE = 500;
    /** More threads are chosen only when their slowest trial beats one thread's fastest by this factor. */
    static final double MARGIN = 0.95;

    private int position;
    private int threads = 1;
    private int chosen = 1;
    private long bestOne = Long.MAX_VALUE;
    private long worstMore;

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
                worstMore = Math.max(worstMore, nanos);
            }
            if (position == 2 * TRIALS - 1) {
                chosen = threads > 1 && worstMore < MARGIN * bestOne ? threads : 1;
                bestOne = Long.MAX_VALUE;
                worstMore = 0;
            }
        }
        position = (position + 1) % CYCLE;
    }

    /** The threads chosen by the last trials (1 before the first trials end). */
    int chosen() {
        return chosen;
    }
}
