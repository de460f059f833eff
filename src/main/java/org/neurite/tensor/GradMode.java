package org.neurite.tensor;

/** Whether ops record the graph on this thread; {@link Tensor#noGrad()} switches it off for a scope. */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the returned scope is closed, then restores the previous mode. */
    public static Scope disable() {
        boolean previous = ENABLED.get();
        ENABLED.set(Boolean.FALSE);
        return new Scope(previous);
    }

    /** A no-gradient region; closing it restores the previous mode. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            ENABLED.set(previous);
        }
    }
}
