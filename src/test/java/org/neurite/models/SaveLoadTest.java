package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.layers.Activation;
import org.neurite.layers.AveragePooling2D;
import org.neurite.layers.BatchNormalization;
import org.neurite.layers.Conv1D;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Dropout;
import org.neurite.layers.Embedding;
import org.neurite.layers.Flatten;
import org.neurite.layers.GlobalAveragePooling1D;
import org.neurite.layers.GlobalAveragePooling2D;
import org.neurite.layers.GlobalMaxPooling1D;
import org.neurite.layers.Input;
import org.neurite.layers.LayerNormalization;
import org.neurite.layers.MaxPooling2D;
import org.neurite.layers.Regularizer;
import org.neurite.layers.Reshape;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Adam;
import org.neurite.optimizers.CosineDecay;
import org.neurite.optimizers.SGD;

class SaveLoadTest {
    @TempDir
    Path dir;

    /** Every value of {@code a}, as floats in row-major order. */
    static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    static Sequential imageModel() {
        return new Sequential(
                new Input(8, 8, 1),
                new Conv2D(4, 3, "relu").padding("same").kernelRegularizer(Regularizer.l2(1e-3)),
                new BatchNormalization(),
                new MaxPooling2D(2),
                new AveragePooling2D(2).strides(1),
                new Dropout(0.2),
                new Conv2D(3, 1),
                new GlobalAveragePooling2D(),
                new Reshape(3, 1),
                new Flatten(),
                new Dense(3),
                new Activation("softmax"));
    }

    static Sequential textModel() {
        return new Sequential(
                new Input(10),
                new Embedding(20, 4),
                new Conv1D(6, 3, "relu"),
                new LayerNormalization(),
                new GlobalMaxPooling1D().name("max"),
                new Reshape(2, 3),
                new GlobalAveragePooling1D(),
                new Dense(1, "sigmoid"));
    }

    @Test
    void everyLayerTypeRoundTripsWithBitIdenticalPredictionsAndItsTrainingState() throws IOException {
        Sequential image = imageModel();
        image.compile(new Adam(1e-2).clipNorm(1.0), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8, 8, 1);
        INDArray y = Nd4j.createFromArray(new float[]{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0});
        image.fit(x, y, Fit.epochs(2).batchSize(4).verbose(0));

        Sequential text = textModel();
        text.compile(new SGD(0.1).momentum(0.9), Losses.binaryCrossentropy(), Metrics.auc());
        INDArray ids = Nd4j.rand(DataType.FLOAT, 12, 10).muli(20).castTo(DataType.INT).castTo(DataType.FLOAT);
        text.fit(ids, Nd4j.rand(DataType.FLOAT, 12, 1).gt(0.5).castTo(DataType.FLOAT), Fit.epochs(1).verbose(0));

        for (Object[] c : List.of(new Object[]{image, x}, new Object[]{text, ids})) {
            Sequential model = (Sequential) c[0];
            INDArray input = (INDArray) c[1];
            Path file = dir.resolve(model.name() + ".neurite");
            model.save(file);
            Sequential loaded = Sequential.load(file);
            assertArrayEquals(bits(model.predict(input)), bits(loaded.predict(input)), model.name());
            assertEquals(model.layers().stream().map(l -> Json.write(l.config())).toList(),
                    loaded.layers().stream().map(l -> Json.write(l.config())).toList());
            assertEquals(model.optimizer().name(), loaded.optimizer().name());
            assertEquals(model.optimizer().config(), loaded.optimizer().config());
            assertEquals(model.optimizer().iterations(), loaded.optimizer().iterations());
            assertEquals(model.loss(), loaded.loss());
            assertEquals(model.metrics().stream().map(m -> m.name()).toList(),
                    loaded.metrics().stream().map(m -> m.name()).toList());
            Map<String, INDArray> state = ModelWeights.optimizerState(model, model.optimizer());
            Map<String, INDArray> restored = ModelWeights.optimizerState(loaded, loaded.optimizer());
            assertEquals(state.keySet(), restored.keySet());
            assertFalse(state.isEmpty());
            state.forEach((k, v) -> assertArrayEquals(bits(v), bits(restored.get(k)), k));
        }
    }

    @Test
    void theFileIsAZipOfKerasStyleConfigAndSafetensors() throws IOException {
        Sequential model = new Sequential(new Input(5), new Dense(3, "relu").name("hidden"), new Dense(1));
        model.compile(new Adam(new CosineDecay(0.01, 100)), Losses.meanSquaredError());
        Path file = dir.resolve("m.neurite");
        model.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(List.of("config.json", "model.weights.safetensors", "optimizer.safetensors"),
                    zip.stream().map(e -> e.getName()).toList());
            Map<String, Object> config = Json.parseObject(
                    new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(1L, config.get("format_version"));
            String text = Json.write(config);
            assertTrue(text.contains("{\"class_name\":\"Dense\",\"config\":{\"name\":\"hidden\",\"trainable\":true,"
                    + "\"units\":3,\"activation\":\"relu\""), text);
            assertTrue(text.contains("\"optimizer\":{\"class_name\":\"Adam\""), text);
            assertTrue(text.contains("\"class_name\":\"CosineDecay\""), text);
        }
        assertEquals(model.optimizer().currentLearningRate(), Sequential.load(file).optimizer().currentLearningRate());
    }

    @Test
    void unbuiltAndUncompiledModelsLoadAsTheyWere() throws IOException {
        Sequential plain = new Sequential(new Dense(4, "relu"), new Dense(2));
        Path file = dir.resolve("plain.neurite");
        plain.save(file);
        Sequential loaded = Sequential.load(file);
        assertFalse(loaded.isBuilt());
        assertFalse(loaded.isCompiled());
        loaded.compile("sgd", "mse");
        loaded.fit(Nd4j.rand(DataType.FLOAT, 4, 3), Nd4j.rand(DataType.FLOAT, 4, 2), Fit.epochs(1).verbose(0));
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, loaded.countParams());

        Sequential built = new Sequential(new Dense(2));
        built.build(7);
        built.save(file);
        Sequential again = Sequential.load(file);
        assertTrue(again.isBuilt());
        assertArrayEquals(new long[]{7}, again.inputShape());
        assertArrayEquals(bits(built.getWeights().get(0)), bits(again.getWeights().get(0)));
    }

    @Test
    void aLambdaScheduleIsRefusedAndAnUnnamedBuiltInMetricIsLeftOutWithAWarning() throws IOException {
        Sequential model = new Sequential(new Input(4), new Dense(3, "softmax"));
        model.compile(new Adam(step -> 1e-3 / (1 + step)), Losses.sparseCategoricalCrossentropy());
        Path file = dir.resolve("lambda.neurite");
        IOException e = assertThrows(IOException.class, () -> model.save(file));
        assertTrue(e.getMessage().contains("learning-rate schedule") && e.getMessage().contains("Schedules.register"),
                e.getMessage());
        assertFalse(Files.exists(file), "nothing is written");

        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        model.compile(model.optimizer(), model.loss(), Metrics.accuracy(), Metrics.confusionMatrix(3));
        model.save(file);
        assertEquals(List.of("accuracy"), Sequential.load(file).metrics().stream().map(m -> m.name()).toList());
    }

    /** Passes bytes on until {@code limit} have been written, then fails as a full disk would. */
    static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left < 0) {
                throw new IOException("No space left on device (injected)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void aSaveThatFailsMidWriteLeavesThePreviousFileLoadableAndNoTemporaryFile() throws IOException {
        Sequential model = new Sequential(new Input(5), new Dense(16, "relu"), new Dense(1));
        model.compile("adam", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 5);
        Path file = dir.resolve("model.neurite");
        model.save(file);
        INDArray before = model.predict(x);
        byte[] saved = Files.readAllBytes(file);

        model.fit(x, Nd4j.rand(DataType.FLOAT, 8, 1), Fit.epochs(3).verbose(0));
        assertNotEquals(before, model.predict(x));
        IOException e = assertThrows(IOException.class,
                () -> ModelFile.save(model, file, out -> new FailingStream(out, saved.length / 2)));
        assertTrue(e.getMessage().contains("injected"), e.getMessage());

        assertArrayEquals(saved, Files.readAllBytes(file));
        assertArrayEquals(bits(before), bits(Sequential.load(file).predict(x)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        model.save(file);   // and a later save replaces it
        assertArrayEquals(bits(model.predict(x)), bits(Sequential.load(file).predict(x)));
    }

    /** Interrupts the writing thread once {@code limit} bytes have passed, as an interrupt arriving mid-save would. */
    static final class InterruptingStream extends FilterOutputStream {
        private long left;

        InterruptingStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left == 0) {
                Thread.currentThread().interrupt();
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    /** Issue 11, case 9: a save on an interrupted thread names the file, keeps the flag and changes nothing. */
    @Test
    void aSaveOnAnInterruptedThreadNamesTheFileKeepsTheFlagAndLeavesThePreviousFile() throws IOException {
        Sequential model = new Sequential(new Input(5), new Dense(16, "relu"), new Dense(1));
        model.compile("adam", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 5);
        Path file = dir.resolve("model.neurite");
        model.save(file);
        INDArray before = model.predict(x);
        byte[] saved = Files.readAllBytes(file);
        model.fit(x, Nd4j.rand(DataType.FLOAT, 8, 1), Fit.epochs(3).verbose(0));

        List<Executable> interrupted = List.of(
                () -> {
                    Thread.currentThread().interrupt();   // before the save starts
                    model.save(file);
                },
                () -> ModelFile.save(model, file, out -> new InterruptingStream(out, saved.length / 2)));   // during it
        for (Executable save : interrupted) {
            try {
                IOException e = assertThrows(IOException.class, save);
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
                assertNotNull(e.getMessage());
                assertTrue(e.getMessage().startsWith("cannot save " + file + ": interrupted"), e.getMessage());
                assertInstanceOf(ClosedByInterruptException.class, e.getCause());
            } finally {
                Thread.interrupted();   // clear it for what follows on this thread
            }
            assertArrayEquals(saved, Files.readAllBytes(file));
            assertArrayEquals(bits(before), bits(Sequential.load(file).predict(x)));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
            }
        }
        model.save(file);   // the flag cleared, the next save works
        assertArrayEquals(bits(model.predict(x)), bits(Sequential.load(file).predict(x)));
    }

    /** Loading reads with plain (not interruptible) file I/O: it completes and leaves the flag set. */
    @Test
    void aLoadOnAnInterruptedThreadCompletesAndKeepsTheFlag() throws IOException {
        Sequential model = new Sequential(new Input(5), new Dense(4, "relu").name("hidden"), new Dense(2).name("out"));
        model.compile("adam", "mse");
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 5);
        model.fit(x, Nd4j.rand(DataType.FLOAT, 8, 2), Fit.epochs(1).verbose(0));
        Path file = dir.resolve("model.neurite");
        model.save(file);
        Sequential loaded;
        Sequential filled = new Sequential(new Input(5), new Dense(4, "relu").name("hidden"), new Dense(2).name("out"));
        Thread.currentThread().interrupt();
        try {
            loaded = Sequential.load(file);
            filled.loadWeights(file);
            assertEquals(List.of("hidden", "out"), filled.loadWeightsByName(file));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(bits(model.predict(x)), bits(loaded.predict(x)));
        assertArrayEquals(bits(model.predict(x)), bits(filled.predict(x)));
        assertEquals(model.optimizer().iterations(), loaded.optimizer().iterations());
    }

    @Test
    void otherSaveFailuresNameTheFileToo() throws IOException {
        Sequential model = new Sequential(new Input(3), new Dense(2));
        Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "a file, not a folder");
        Path file = notAFolder.resolve("model.neurite");
        IOException e = assertThrows(IOException.class, () -> model.save(file));
        assertTrue(e.getMessage().startsWith("cannot save " + file + ": "), e.getMessage());
        IOException injected = assertThrows(IOException.class, () -> ModelFile.save(model, dir.resolve("m.neurite"),
                out -> new FilterOutputStream(out) {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException();   // no message, as some platform errors come
                    }
                }));
        assertEquals("cannot save " + dir.resolve("m.neurite") + ": java.io.IOException; any previous file is unchanged",
                injected.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(notAFolder), files.toList(), "no temporary file is left behind");
        }
    }
}
