package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neurite.Neurite;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.losses.Losses;
import org.neurite.models.Sequential;
import org.neurite.optimizers.Adam;

class ThreadsTest {
    private final int before = Threads.max();

    @AfterEach
    void restore() {
        Threads.setMax(before);
    }

    @Test
    void onlyCallsFromTheThresholdMayRunInParallel() {
        assertFalse(Threads.parallel(Threads.PARALLEL_MIN - 1));
        assertTrue(Threads.parallel(Threads.PARALLEL_MIN));
        Neurite.threads(3);
        assertEquals(3, Threads.max());
        Neurite.threads(1);
        assertEquals(1, Neurite.threads());
    }

    @Test
    void aThreadCountBelowOneIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Neurite.threads(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void theChoiceTakesTheCountWhoseTrialsWereFaster() {
        ThreadChoice choice = new ThreadChoice();
        // trials alternate 1 and 2 threads; two threads take 60-80 us, one 100-120 us
        for (int i = 0; i < 2 * ThreadChoice.TRIALS; i++) {
            int threads = choice.next(2);
            assertEquals(i % 2 == 0 ? 1 : 2, threads, "trial " + i);
            choice.record(threads == 2 ? 60_000 + 10_000 * (i % 3) : 100_000 + 10_000 * (i % 3));
        }
        assertEquals(2, choice.chosen());
        for (int i = 2 * ThreadChoice.TRIALS; i < ThreadChoice.CYCLE; i++) {
            assertEquals(2, choice.next(2), "call " + i);
            choice.record(0);
        }
        // the next cycle's trials: two threads usually faster, but one of their calls took 15x as
        // long (another process on the core), so one thread
        for (int i = 0; i < 2 * ThreadChoice.TRIALS; i++) {
            int threads = choice.next(2);
            choice.record(threads == 1 ? 100_000 : i == 3 ? 1_500_000 : 50_000);
        }
        assertEquals(1, choice.chosen());
        assertEquals(1, choice.next(2));
    }

    @Test
    void aMachineIsBusyWhenItsLoadLeavesLessThanHalfACoreBesideUs() {
        assertFalse(Threads.busy(1.0, 2), "our own training thread on a 2-core machine");
        assertTrue(Threads.busy(1.6, 2), "another process on the second core");
        assertTrue(Threads.busy(18, 2));
        assertFalse(Threads.busy(-1, 2), "load average unknown");
    }

    @Test
    void withAMaximumOfOneEveryCallRunsOnOneThread() {
        ThreadChoice choice = new ThreadChoice();
        for (int i = 0; i < ThreadChoice.CYCLE + 10; i++) {
            assertEquals(1, choice.next(1), "call " + i);
            choice.record(i);
        }
    }

    @Test
    void aLargeCallsTrialsRunOnBothCountsAndASmallCallOnOne() {
        Threads.setMax(2);
        Threads.loadAverage(() -> 0.0);   // an idle machine, whatever runs the test
        try {
            assertEquals(2, Threads.available(), "an idle machine lets a large call try two threads");
            // a shape no other test uses: its cache entry, and so its trials, start here
            INDArray big = Nd4j.rand(DataType.FLOAT, 5, Threads.PARALLEL_MIN + 1);
            Native.call("relu", new INDArray[]{big}, null, new double[]{0}, null);
            assertEquals(1, ompThreads(), "first trial of a call on " + 2 * big.length() + " elements");
            Native.call("relu", new INDArray[]{big}, null, new double[]{0}, null);
            assertEquals(2, ompThreads(), "second trial");
            Native.call("relu", new INDArray[]{Nd4j.rand(DataType.FLOAT, 4, 4)}, null, new double[]{0}, null);
            assertEquals(1, ompThreads(), "after a call on 32 elements");
            assertEquals(Integer.MAX_VALUE, Nd4j.getEnvironment().elementwiseThreshold(),
                    "libnd4j's loops on one thread");
            Threads.loadAverage(() -> 5.0);
            assertEquals(1, Threads.available(), "a busy machine keeps large calls on one thread");
        } finally {
            Threads.loadAverage(null);
        }
    }

    private static int ompThreads() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    /** Training at two threads per large call gives the weights of one thread, to float rounding. */
    @Test
    void trainingWithParallelCallsMatchesOneThread() {
        float[] one;
        float[] two;
        Threads.loadAverage(() -> 0.0);   // an idle machine: the trials really run on two threads
        try {
            one = train(1);
            two = train(2);
        } finally {
            Threads.loadAverage(null);
        }
        assertEquals(one.length, two.length);
        double worst = 0;
        for (int i = 0; i < one.length; i++) {
            worst = Math.max(worst, Math.abs(one[i] - two[i]));
        }
        assertTrue(worst < 1e-4, "largest weight difference " + worst);
    }

    /**
     * The weights after three Adam steps of a small CNN whose convolutions are large calls (batch 64):
     * with a maximum of 2, their trials run the second call of each on two threads.
     */
    private static float[] train(int threads) {
        Threads.setMax(threads);
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 28, 28, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, 64).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
        Sequential model = new Sequential(new Input(28, 28, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(10, "softmax"));
        model.compile(new Adam(1e-2), Losses.sparseCategoricalCrossentropy());
        for (int step = 0; step < 3; step++) {
            model.trainOnBatch(x, y);
        }
        return Nd4j.toFlattened(model.getWeights()).data().asFloat();
    }
}
