package org.neurite.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.examples.MnistCnn;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Input;
import org.neurite.models.Sequential;
import org.neurite.tensor.Profiler;

/**
 * Times {@code trainOnBatch} of a seed model on random data and prints where the time goes, per
 * op and per kernel ({@link Profiler}).
 *
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dexec.mainClass=org.neurite.bench.StepProfile -Dexec.args="cnn 32 200"</pre>
 * Models: {@code cnn} (the seed CNN), {@code mlp}, {@code text}, {@code lstm} (Embedding 10,000 x 32,
 * LSTM 64, Dense 1 sigmoid), {@code bn} (the improved
 * Fashion-MNIST network, with batch normalisation).
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "cnn";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Nd4j.getRandom().setSeed(1);
        Sequential model;
        INDArray x;
        INDArray y;
        switch (which) {
            case "mlp":
                model = new Sequential(new Input(5), new Dense(64, "relu"), new Dense(1, "sigmoid"));
                model.compile("adam", "binary_crossentropy");
                x = Nd4j.rand(DataType.FLOAT, batch, 5);
                y = x.sum(1).reshape(batch, 1).gt(2.5).castTo(DataType.FLOAT);
                break;
            case "text":
                model = new Sequential(new Input(56), new Embedding(10_000, 16), new Conv1D(128, 5, "relu"),
                        new GlobalMaxPooling1D(), new Dense(1, "sigmoid"));
                model.compile("adam", "binary_crossentropy");
                x = Nd4j.rand(DataType.FLOAT, batch, 56).muli(9999).castTo(DataType.INT).castTo(DataType.FLOAT);
                y = Nd4j.rand(DataType.FLOAT, batch, 1).gt(0.5).castTo(DataType.FLOAT);
                break;
            case "lstm":
                model = NeuriteRunner.lstmModel();
                model.compile("adam", "binary_crossentropy");
                x = Nd4j.rand(DataType.FLOAT, batch, 56).muli(9999).castTo(DataType.INT).castTo(DataType.FLOAT);
                y = Nd4j.rand(DataType.FLOAT, batch, 1).gt(0.5).castTo(DataType.FLOAT);
                break;
            case "bn":
                model = org.neurite.examples.FashionMnistCnn.improvedCnn();
                model.compile("adam", "sparse_categorical_crossentropy");
                x = Nd4j.rand(DataType.FLOAT, batch, 28, 28, 1);
                y = Nd4j.rand(DataType.FLOAT, batch).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
                break;
            default:
                model = MnistCnn.seedCnn();
                model.compile("adam", "sparse_categorical_crossentropy");
                x = Nd4j.rand(DataType.FLOAT, batch, 28, 28, 1);
                y = Nd4j.rand(DataType.FLOAT, batch).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
        }
        for (int i = 0; i < 30; i++) {
            model.trainOnBatch(x, y);
        }
        Profiler.reset();
        Profiler.enable();
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.trainOnBatch(x, y);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Profiler.disable();
        System.out.printf("%s batch %d: %.2f ms/step, %.0f steps/s, %.0f samples/s (profiled)%n", which, batch,
                1000 * seconds / steps, steps / seconds, steps * batch / seconds);
        System.out.println(Profiler.report());
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.trainOnBatch(x, y);
        }
        seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s batch %d: %.2f ms/step, %.0f steps/s, %.0f samples/s (not profiled)%n", which, batch,
                1000 * seconds / steps, steps / seconds, steps * batch / seconds);
    }
}
