package org.neurite.bench;

import java.util.function.IntConsumer;

import org.nd4j.linalg.factory.Nd4j;
import org.neurite.callbacks.LambdaCallback;
import org.neurite.examples.MnistCnn;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.layers.Layer;
import org.neurite.losses.Losses;
import org.neurite.models.Fit;
import org.neurite.models.Sequential;
import org.neurite.optimizers.Adam;

/**
 * Neurite's side of the comparison: the seed models through the public API only ({@code Sequential},
 * {@code compile}, {@code trainOnBatch} per prepared batch, {@code fit} for whole epochs), so that
 * speed work in the library shows up here unchanged. Models are compiled without metrics, as DL4J
 * computes none while fitting; accuracy comes from {@code predict}.
 *
 * <pre>java -cp ... org.neurite.bench.NeuriteRunner --workload cnn32 [--data-root DIR --steps N ...]</pre>
 * Prints {@link Result} lines; {@link Compare} runs it once per workload in its own JVM.
 */
public final class NeuriteRunner implements Framework {
    public static void main(String[] args) throws Exception {
        WorkloadRun.main(new NeuriteRunner(), args);
    }

    @Override
    public String name() {
        return "neurite";
    }

    @Override
    public BenchModel<?> cnn(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Sequential model = MnistCnn.seedCnn();
        model.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy());
        return new Model(model);
    }

    @Override
    public BenchModel<?> mlp(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Sequential model = new Sequential(new Input(5), new Dense(64, "relu"), new Dense(1, "sigmoid"));
        model.compile(new Adam(1e-3), Losses.binaryCrossentropy());
        return new Model(model);
    }

    @Override
    public BenchModel<?> textCnn(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Sequential model = new Sequential(
                new Input(BenchData.LENGTH),
                new Embedding(BenchData.VOCABULARY, 16),
                new Conv1D(128, 5, "relu"),
                new GlobalMaxPooling1D(),
                new Dense(1, "sigmoid"));
        model.compile(new Adam(1e-3), Losses.binaryCrossentropy());
        return new Model(model);
    }

    @Override
    public BenchModel<?> lstm(long seed) {
        Nd4j.getRandom().setSeed(seed);
        Sequential model = lstmModel();
        model.compile(new Adam(1e-3), Losses.binaryCrossentropy());
        StringBuilder layers = new StringBuilder();
        for (Layer layer : model.layers()) {
            layers.append(layers.length() == 0 ? "" : ", ").append(layer.getClass().getSimpleName()).append(' ')
                    .append(layer.countParams());
        }
        System.out.println("# neurite lstm params: " + layers + "; total " + model.countParams());
        return new Model(model);
    }

    /** The LSTM text model, uncompiled: 56 ids -> Embedding(10000, 32) -> LSTM(64) -> 1 sigmoid. */
    static Sequential lstmModel() {
        return new Sequential(
                new Input(BenchData.LENGTH),
                new Embedding(BenchData.VOCABULARY, 32),
                new LSTM(64),
                new Dense(1, "sigmoid"));
    }

    /** A compiled {@link Sequential}; its batches are the harness's arrays as they are. */
    private record Model(Sequential model) implements BenchModel<Examples> {
        @Override
        public Examples prepare(Examples batch) {
            return batch;
        }

        @Override
        public void train(Examples batch) {
            model.trainOnBatch(batch.features(), batch.labels());
        }

        @Override
        public void fitEpochs(Examples train, int batchSize, int epochs, IntConsumer afterEpoch) {
            LambdaCallback callback = new LambdaCallback().onEpochEnd((epoch, logs) -> afterEpoch.accept(epoch + 1));
            model.fit(train.features(), train.labels(),
                    Fit.epochs(epochs).batchSize(batchSize).shuffle(false).verbose(0).callbacks(callback));
        }

        @Override
        public double accuracy(Examples test) {
            return Accuracy.of(model.predict(test.features()), test.labels());
        }

        @Override
        public long parameters() {
            return model.countParams();
        }
    }
}
