package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.callbacks.Callback;
import org.neurite.data.Dataset;
import org.neurite.models.Model;

/** A failed task is retried with the same result; a run resumed from a checkpoint ends as the uninterrupted one. */
class FaultAndResumeTest {
    private static final AtomicInteger INJECTED = new AtomicInteger();
    private static final Dataset DATA = SyncEquivalenceTest.data(150, new long[]{6}, 3);

    @TempDir
    Path dir;

    @Test
    void aSynchronousTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        Model single = SyncEquivalenceTest.dense("adam");
        Model distributed = SyncEquivalenceTest.copy(single);
        single.fit(DATA, SyncEquivalenceTest.fit());
        INJECTED.set(0);
        trainer(SparkTrainer.Mode.SYNCHRONOUS).faultHook(FaultAndResumeTest::failStep3OnPartition1)
                .fit(distributed, DATA, SyncEquivalenceTest.fit());
        assertEquals(1, INJECTED.get(), "the failure was injected once");
        SyncEquivalenceTest.assertWeightsClose(single, distributed, 1e-5);
    }

    @Test
    void anAveragingTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() {
        Model clean = SyncEquivalenceTest.dense("adam");
        Model faulty = SyncEquivalenceTest.copy(clean);
        trainer(SparkTrainer.Mode.PARAMETER_AVERAGING).fit(clean, DATA, SyncEquivalenceTest.fit());
        INJECTED.set(0);
        trainer(SparkTrainer.Mode.PARAMETER_AVERAGING).faultHook(FaultAndResumeTest::failStep3OnPartition1)
                .fit(faulty, DATA, SyncEquivalenceTest.fit());
        assertEquals(1, INJECTED.get(), "the failure was injected once");
        SyncEquivalenceTest.assertWeightsClose(clean, faulty, 0);   // the retry starts from the broadcast state
    }

    @Test
    void synchronousResumeFromCheckpointEqualsTheUninterruptedRun() throws Exception {
        assertResumeEqualsUninterrupted(SparkTrainer.Mode.SYNCHRONOUS, 4, 16);
    }

    @Test
    void averagingResumeFromCheckpointEqualsTheUninterruptedRun() throws Exception {
        assertResumeEqualsUninterrupted(SparkTrainer.Mode.PARAMETER_AVERAGING, 1, 3);   // 3 rounds per epoch
    }

    /** Crashes the run after driver step {@code crashAfter} (counting from 0) with checkpoints every {@code every}. */
    private void assertResumeEqualsUninterrupted(SparkTrainer.Mode mode, int every, int crashAfter) throws Exception {
        Model initial = SyncEquivalenceTest.dense("adam");
        Model uninterrupted = SyncEquivalenceTest.copy(initial);
        Model crashed = SyncEquivalenceTest.copy(initial);
        trainer(mode).checkpointEvery(every, dir.resolve("a").toUri().toString()).fit(uninterrupted, DATA, SyncEquivalenceTest.fit());

        String folder = dir.resolve("b").toUri().toString();
        int perEpoch = mode == SparkTrainer.Mode.SYNCHRONOUS ? 10 : 3;
        Callback crash = new Callback() {
            private int epoch;

            @Override
            public void onEpochBegin(int e, Map<String, Double> logs) {
                epoch = e;
            }

            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                if (epoch * perEpoch + batch == crashAfter) {
                    throw new IllegalStateException("injected crash");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> trainer(mode).checkpointEvery(every, folder).fit(crashed, DATA, SyncEquivalenceTest.fit().callbacks(crash)));
        try (var files = Files.list(dir.resolve("b"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".neurite")), "a checkpoint was written");
        }

        Model restarted = SyncEquivalenceTest.copy(initial);   // a new process starts from the initial model again
        trainer(mode).checkpointEvery(every, folder).fit(restarted, DATA, SyncEquivalenceTest.fit());
        SyncEquivalenceTest.assertWeightsClose(uninterrupted, restarted, 1e-6);
    }

    private static SparkTrainer trainer(SparkTrainer.Mode mode) {
        return new SparkTrainer(LocalSpark.session()).workers(2).mode(mode).averagingFrequency(4);
    }

    private static void failStep3OnPartition1(int partition, long step, int attempt) {
        if (partition == 1 && step == 3 && attempt == 0) {
            INJECTED.incrementAndGet();
            throw new IllegalStateException("injected failure of the first attempt");
        }
    }
}
