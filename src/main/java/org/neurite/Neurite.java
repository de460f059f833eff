package org.neurite;

import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Threads;

/**
 * Library-wide settings. One call makes a run repeatable:
 *
 * <pre>{@code
 * Neurite.seed(42);                       // before building the model
 * Sequential model = new Sequential(new Input(5), new Dense(8, "relu"), new Dropout(0.5), new Dense(1));
 * model.compile("adam", "mse");
 * model.fit(x, y, Fit.epochs(3));          // same losses and weights on every run (on CPU)
 * }</pre>
 *
 * {@link #seed(long)} seeds ND4J's random generator of the calling thread (weight initialisers
 * draw from it) and becomes the default seed of {@code fit}: epoch {@code e} shuffles its batches
 * and reseeds the generator (dropout masks, augmentation) from this seed and {@code e}, so a run
 * resumed at epoch {@code e} repeats what an uninterrupted run would have done. {@code Fit.seed(s)}
 * overrides it for one call. Before any call the seed is 0.
 *
 * <p>{@link #fastPaths(boolean)} switches the fast paths off: with {@code fastPaths(false)} every
 * {@code fit} runs the plain reference computation (the loss on the activated outputs, layers in
 * their written order, each optimizer's rule in Java) instead of the fused kernels; the results
 * agree to float rounding. Use it to check a fused path or to debug a model.
 *
 * <p>{@link #threads(int)} caps the CPU threads of one native call. Small calls always run on one
 * thread and large ones (convolutions, large matrix products) on up to this many; the default is
 * {@code NEURITE_THREADS}, else {@code OMP_NUM_THREADS}, else the number of processors (see
 * {@link Threads}).
 */
public final class Neurite {
    private static volatile long seed;
    private static volatile boolean fastPaths = true;

    private Neurite() {
    }

    /** Seeds everything random in Neurite: ND4J's generator on this thread and the training seed. */
    public static void seed(long value) {
        seed = value;
        Nd4j.getRandom().setSeed(value);
    }

    /** The seed last set by {@link #seed(long)}, or 0. */
    public static long currentSeed() {
        return seed;
    }

    /** Turns the fused fast paths on (the default) or off, for every model and thread. */
    public static void fastPaths(boolean on) {
        fastPaths = on;
    }

    /** Whether the fused fast paths are on ({@link #fastPaths(boolean)}). */
    public static boolean fastPaths() {
        return fastPaths;
    }

    /** Sets the most CPU threads one large native call may use (at least 1); 1 runs everything on one thread. */
    public static void threads(int max) {
        Threads.setMax(max);
    }

    /** The most CPU threads one large native call may use. */
    public static int threads() {
        return Threads.max();
    }
}
