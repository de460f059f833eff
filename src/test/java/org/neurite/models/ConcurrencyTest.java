package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.callbacks.Callback;
import org.neurite.data.Dataset;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.layers.MultiHeadAttention;
import org.neurite.layers.Node;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Adam;

/**
 * What may run at once on one model (docs/reliability.md, "Concurrency"). From issue 11, item 3:
 * two threads evaluating one unchanged model got 0.5327 accuracy where sequential calls gave
 * 0.5410, silently, because both updated the compiled metric objects. Every result here must equal
 * the sequential one exactly, and every forbidden combination must fail at once with a message
 * naming both operations. Each test has a deadline, so a hang fails instead of blocking the build.
 */
class ConcurrencyTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int ROUNDS = 10;

    private ExecutorService pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        Neurite.seed(0);
    }

    /** 300 rows of 8 features, 3 classes that the features partly decide. */
    private static Dataset data() {
        Neurite.seed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 300, 8);
        INDArray score = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).add(Nd4j.rand(DataType.FLOAT, 300, 3).mul(0.8));
        INDArray y = Nd4j.argMax(score, 1).castTo(DataType.FLOAT);
        return Dataset.of(x, y);
    }

    /** A small classifier, trained a little so its accuracy is neither 0 nor 1, with several metrics. */
    private static Sequential classifier(Dataset data) {
        Neurite.seed(3);
        Sequential model = new Sequential(new Input(8), new Dense(16, "relu"), new Dense(3, "softmax"));
        model.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(),
                Metrics.accuracy(), Metrics.precision(), Metrics.f1Score(), Metrics.confusionMatrix(3));
        model.fit(data, Fit.epochs(2).batchSize(32).verbose(0));
        return model;
    }

    /** Runs {@code task} on {@code threads} threads released together; the results in thread order. */
    private <T> List<T> together(int threads, Callable<T> task) throws Exception {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(4);
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return task.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    private void evaluateConcurrently(int threads) {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Sequential model = classifier(data);
            Map<String, Double> sequential = model.evaluate(data);
            assertEquals(sequential, model.evaluate(data), "sequential evaluations agree");
            double accuracy = sequential.get("accuracy");
            assertTrue(accuracy > 0.4 && accuracy < 1, "a model between chance and perfect: " + sequential);
            for (int round = 0; round < ROUNDS; round++) {
                List<Map<String, Double>> results = together(threads, () -> model.evaluate(data));
                for (int t = 0; t < threads; t++) {
                    assertEquals(sequential, results.get(t), "round " + round + ", thread " + t);
                }
            }
            assertEquals(sequential, model.evaluate(data), "and still after the concurrent rounds");
        });
    }

    @Test
    void twoThreadsEvaluatingOneModelGetTheSequentialResult() {
        evaluateConcurrently(2);
    }

    @Test
    void fourThreadsEvaluatingOneModelGetTheSequentialResult() {
        evaluateConcurrently(4);
    }

    @Test
    void concurrentPredictionsEqualTheSequentialOnes() {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Sequential model = classifier(data);
            float[] sequential = model.predict(data.features()).reshape(-1).toFloatVector();
            for (int round = 0; round < ROUNDS; round++) {
                List<INDArray> results = together(4, () -> model.predict(data.features()));
                for (int t = 0; t < results.size(); t++) {
                    assertArrayEquals(sequential, results.get(t).reshape(-1).toFloatVector(),
                            "round " + round + ", thread " + t);
                }
            }
        });
    }

    @Test
    void predictAndEvaluateMixedOnThreadsEqualTheSequentialResults() {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Sequential model = classifier(data);
            Map<String, Double> evaluation = model.evaluate(data, 50);
            float[] predictions = model.predict(data.features(), 50).reshape(-1).toFloatVector();
            for (int round = 0; round < ROUNDS; round++) {
                int[] next = {0};
                List<Object> results = together(4, () -> {
                    int me;
                    synchronized (next) {
                        me = next[0]++;
                    }
                    return me % 2 == 0 ? model.evaluate(data, 50) : model.predict(data.features(), 50);
                });
                for (Object r : results) {
                    if (r instanceof INDArray p) {
                        assertArrayEquals(predictions, p.reshape(-1).toFloatVector(), "round " + round);
                    } else {
                        assertEquals(evaluation, r, "round " + round);
                    }
                }
            }
        });
    }

    /** Causal attention (a cached mask) and an LSTM (per-thread step views) on several threads. */
    @Test
    void concurrentPredictionsOfASequenceModelEqualTheSequentialOnes() {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Neurite.seed(5);
            Node in = Input.of(6, 4);
            Node attended = new MultiHeadAttention(2, 4).useCausalMask(true).apply(in, in);
            Node last = new LSTM(8).apply(attended);
            Model model = new Model(in, new Dense(3, "softmax").apply(last));
            INDArray x = Nd4j.rand(DataType.FLOAT, 64, 6, 4);
            float[] sequential = model.predict(x, 16).reshape(-1).toFloatVector();
            for (int round = 0; round < ROUNDS; round++) {
                List<INDArray> results = together(4, () -> model.predict(x, 16));
                for (INDArray r : results) {
                    assertArrayEquals(sequential, r.reshape(-1).toFloatVector(), "round " + round);
                }
            }
        });
    }

    /** A Sequential without Input is built by its first predict; threads racing to it build it once. */
    @Test
    void threadsRacingToBuildASequentialBuildItOnce() {
        assertTimeoutPreemptively(DEADLINE, () -> {
            INDArray x = data().features();
            for (int round = 0; round < ROUNDS; round++) {
                Neurite.seed(8);
                Sequential model = new Sequential(new Dense(4, "relu"), new Dense(2));
                List<INDArray> results = together(4, () -> model.predict(x));
                float[] first = results.get(0).reshape(-1).toFloatVector();
                for (INDArray r : results) {
                    assertArrayEquals(first, r.reshape(-1).toFloatVector(), "round " + round);
                }
                assertArrayEquals(first, model.predict(x).reshape(-1).toFloatVector());
            }
        });
    }

    /** A fit held at its first batch by a callback, so the test can act while it runs. */
    private static final class Hold extends Callback {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
            if (reached.getCount() > 0) {
                reached.countDown();
                try {
                    assertTrue(release.await(60, TimeUnit.SECONDS), "the test released the fit");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void assertNamesBoth(IllegalStateException e, String first, String running) {
        String m = e.getMessage();
        assertTrue(m.contains(first) && m.contains(running + " (thread 'trainer')"), m);
        assertTrue(m.contains("docs/reliability.md"), m);
    }

    @Test
    void whileAFitRunsPredictAndEvaluateWorkAndChangesFailFastNamingBoth(@TempDir Path dir) {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Sequential model = classifier(data);
            Map<String, Double> before = model.evaluate(data);
            Hold hold = new Hold();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread trainer = new Thread(() -> {
                try {
                    model.fit(data, Fit.epochs(2).batchSize(32).verbose(0).callbacks(hold));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "trainer");
            trainer.start();
            try {
                assertTrue(hold.reached.await(60, TimeUnit.SECONDS), "the fit started");

                // allowed: reads, each with its own metrics (the weights are the fit's current ones)
                assertEquals(300, model.predict(data.features()).size(0));
                Map<String, Double> during = model.evaluate(data);
                assertEquals(before.keySet(), during.keySet());
                assertNotNull(model.getWeights());

                // forbidden: a second training, changes of weights or configuration, a save
                assertNamesBoth(assertThrows(IllegalStateException.class,
                        () -> model.fit(data, Fit.epochs(1).verbose(0))), "fit", "fit");
                assertNamesBoth(assertThrows(IllegalStateException.class,
                        () -> model.trainOnBatch(data.features(), data.labels())), "trainOnBatch", "fit");
                List<INDArray> weights = model.getWeights();
                assertNamesBoth(assertThrows(IllegalStateException.class, () -> model.setWeights(weights)),
                        "setWeights", "fit");
                INDArray snapshot = model.snapshotWeights();
                assertNamesBoth(assertThrows(IllegalStateException.class, () -> model.restoreWeights(snapshot)),
                        "restoreWeights", "fit");
                assertNamesBoth(assertThrows(IllegalStateException.class,
                        () -> model.compile("sgd", "sparse_categorical_crossentropy", "accuracy")), "compile", "fit");
                Path file = dir.resolve("during.neurite");
                assertNamesBoth(assertThrows(IllegalStateException.class, () -> model.save(file)), "save", "fit");
                assertFalse(Files.exists(file), "no file was written");
                assertNamesBoth(assertThrows(IllegalStateException.class, () -> model.add(new Dense(2))), "add", "fit");
            } finally {
                hold.release.countDown();
                trainer.join(60_000);
            }
            assertEquals(null, failure.get(), "the running fit was not disturbed");

            // once it has ended, everything is allowed again
            model.fit(data, Fit.epochs(1).verbose(0));
            model.save(dir.resolve("after.neurite"));
            model.setWeights(model.getWeights());
        });
    }

    @Test
    void aCallbackOnTheTrainingThreadMayRestoreAndSaveButNotTrainAgain(@TempDir Path dir) {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Sequential model = classifier(data);
            INDArray start = model.snapshotWeights();
            List<String> errors = new ArrayList<>();
            Callback nested = new Callback() {
                @Override
                public void onEpochEnd(int epoch, Map<String, Double> logs) {
                    model().restoreWeights(start);                 // as EarlyStopping restores the best
                    try {
                        model().save(dir.resolve("epoch" + epoch + ".neurite"));   // as ModelCheckpoint
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    model().evaluate(data);                        // fresh metrics: the epoch's are untouched
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> model().trainOnBatch(data.features(), data.labels()));
                    errors.add(e.getMessage());
                }
            };
            History h = model.fit(data, Fit.epochs(2).batchSize(32).verbose(0).callbacks(nested));
            assertEquals(2, errors.size());
            assertTrue(errors.get(0).contains("trainOnBatch") && errors.get(0).contains("fit (thread '"), errors.get(0));
            assertTrue(Files.exists(dir.resolve("epoch1.neurite")));
            assertArrayEquals(start.toFloatVector(), model.snapshotWeights().toFloatVector(), 0f);
            assertEquals(2, h.get("accuracy").size());
        });
    }

    @Test
    void twoFitsOnTwoThreadsNeverRunTogether() {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Sequential model = classifier(data);
            Hold hold = new Hold();
            Thread trainer = new Thread(() -> model.fit(data, Fit.epochs(1).verbose(0).callbacks(hold)), "trainer");
            trainer.start();
            try {
                assertTrue(hold.reached.await(60, TimeUnit.SECONDS));
                List<Throwable> errors = together(2, () -> {
                    try {
                        model.fit(data, Fit.epochs(1).verbose(0));
                        return null;
                    } catch (IllegalStateException e) {
                        return e;
                    }
                });
                for (Throwable e : errors) {
                    assertNotNull(e, "a second fit must not start");
                    assertNamesBoth((IllegalStateException) e, "fit", "fit");
                }
            } finally {
                hold.release.countDown();
                trainer.join(60_000);
            }
        });
    }

    /** A user metric that cannot copy itself: the model uses it for one call at a time. */
    private static final class Blocking implements Metric {
        final CountDownLatch updating = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        double seen;

        @Override
        public void update(INDArray yTrue, INDArray yPred) {
            updating.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen += yTrue.length();
        }

        @Override
        public double result() {
            return seen;
        }

        @Override
        public void reset() {
            seen = 0;
        }

        @Override
        public String name() {
            return "seen";
        }
    }

    @Test
    void aMetricWithoutFreshIsUsedByOneCallAtATimeAndASecondFailsFast() {
        assertTimeoutPreemptively(DEADLINE, () -> {
            Dataset data = data();
            Neurite.seed(3);
            Sequential model = new Sequential(new Input(8), new Dense(3, "softmax"));
            Blocking metric = new Blocking();
            model.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(), metric);
            AtomicReference<Map<String, Double>> first = new AtomicReference<>();
            Thread evaluator = new Thread(() -> first.set(model.evaluate(data)), "evaluator");
            evaluator.start();
            try {
                assertTrue(metric.updating.await(60, TimeUnit.SECONDS));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.evaluate(data));
                String m = e.getMessage();
                assertTrue(m.contains("evaluate") && m.contains("'seen'") && m.contains("evaluate (thread 'evaluator')")
                        && m.contains("fresh()"), m);
            } finally {
                metric.release.countDown();
                evaluator.join(60_000);
            }
            assertEquals(300.0, first.get().get("seen"), "the running evaluation counted every row once");
            assertEquals(300.0, model.evaluate(data).get("seen"), "one after the other works as before");
        });
    }
}
