package org.neurite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example end to end on a few generated examples (one epoch): it prints its test scores and
 * training speed and writes its training curves. No real dataset is needed.
 */
class ExamplesSmokeTest {
    @TempDir
    Path dir;

    /** Runs {@code body} with standard output captured; returns what it printed. */
    private static String run(Examples.Body body, String[] args, String... extra) throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            body.run(ExampleArgs.parse(args, extra));
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private String[] args(String data, String... more) {
        List<String> all = new ArrayList<>(List.of("--epochs", "1", "--out", dir.resolve("out").toString()));
        if (data != null) {
            all.addAll(List.of("--data", data));
        }
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void assertFinished(String output, String svg, Path out) {
        assertTrue(output.contains("samples/s"), output);
        assertTrue(output.matches("(?s).*: test loss \\d\\.\\d{4}, accuracy \\d\\.\\d{4} on .*"), output);
        assertTrue(Files.isRegularFile(out.resolve(svg)), "no " + svg + " in " + out);
        String png = svg.replace(".svg", ".png");
        assertTrue(Files.isRegularFile(out.resolve(png)), "no " + png + " in " + out);
    }

    @Test
    void binaryMlpOnGeneratedData() throws IOException {
        String output = run(BinaryMlp::run, args(null, "--train-limit", "100"), "label");
        assertTrue(output.contains("trained on 90 examples x 1 epochs"), output);
        assertFinished(output, "binary-mlp.svg", dir.resolve("out"));
    }

    @Test
    void binaryMlpOnACsvFile() throws IOException {
        Path csv = dir.resolve("points.csv");
        StringBuilder text = new StringBuilder("x1,x2,y\n");
        Random random = new Random(3);
        for (int i = 0; i < 60; i++) {
            double a = random.nextDouble() - 0.5;
            double b = random.nextDouble() - 0.5;
            text.append(a).append(',').append(b).append(',').append(a > b ? 1 : 0).append('\n');
        }
        Files.writeString(csv, text);
        String output = run(BinaryMlp::run, args(csv.toString(), "--label", "y"), "label");
        assertTrue(output.contains("(None, 64)"), output);
        assertFinished(output, "binary-mlp.svg", dir.resolve("out"));
    }

    @Test
    void fashionMnistSeedAndImprovedOnTinyIdxFiles() throws IOException {
        Path data = dir.resolve("fashion");
        writeIdx(data, "train", 40);
        writeIdx(data, "t10k", 10);
        String seed = run(FashionMnistCnn::run, args(data.toString()), "model");
        assertTrue(seed.contains("Data report (train vs test)"), seed);
        assertTrue(seed.contains("Total params: 225,034"), seed);
        assertFinished(seed, "fashion-mnist-cnn-seed.svg", dir.resolve("out"));
        String improved = run(FashionMnistCnn::run, args(data.toString(), "--model", "improved"), "model");
        assertTrue(improved.contains("Total params: 225,322"), improved);
        assertFinished(improved, "fashion-mnist-cnn-improved.svg", dir.resolve("out"));
    }

    @Test
    void dpFashionMnistReportsEpsilonAndTheNonPrivateAccuracy() throws IOException {
        Path data = dir.resolve("fashion");
        writeIdx(data, "train", 40);
        writeIdx(data, "t10k", 10);
        String output = run(DpFashionMnist::run, args(data.toString(), "--batch-size", "8", "--epsilon", "5"),
                "epsilon", "clip", "lr", "momentum", "baseline");
        assertTrue(output.contains("Total params: 26,010"), output);
        assertTrue(output.matches("(?s).*epoch 1: test accuracy \\d\\.\\d{4} at epsilon \\d\\.\\d{3}.*"), output);
        assertTrue(output.matches("(?s).*non-private, same network and epochs: test accuracy \\d\\.\\d{4}.*"), output);
        assertTrue(output.matches("(?s).*private: test accuracy \\d\\.\\d{4} at epsilon \\d\\.\\d{3} .*"), output);
        assertFinished(output, "dp-fashion-mnist.svg", dir.resolve("out"));
    }

    @Test
    void textCnnOnTinyReviewFiles() throws IOException {
        Path data = tinyReviews();
        String output = run(TextCnn::run, args(data.toString(), "--maxlen", "8"), "maxlen");
        assertTrue(output.contains("36 training and 4 test reviews"), output);
        assertTrue(output.contains("(None, 8, 16)"), output);
        assertFinished(output, "text-cnn.svg", dir.resolve("out"));
    }

    @Test
    void textTransformerOnTinyReviewFiles() throws IOException {
        Path data = tinyReviews();
        String output = run(TextTransformer::run, args(data.toString(), "--maxlen", "8", "--width", "8", "--heads", "2",
                "--ff", "16"), "maxlen", "width", "heads", "ff");
        assertTrue(output.contains("36 training and 4 test reviews"), output);
        assertTrue(output.contains("Connected to") && output.contains("(None, 8, 8)"), output);
        assertFinished(output, "text-transformer.svg", dir.resolve("out"));
    }

    @Test
    void textLstmOnTinyReviewFiles() throws IOException {
        Path data = tinyReviews();
        String output = run(TextLstm::run, args(data.toString(), "--maxlen", "8", "--width", "8", "--units", "4"),
                "maxlen", "width", "units");
        assertTrue(output.contains("36 training and 4 test reviews"), output);
        assertTrue(output.contains("(Bidirectional)") && output.contains("(None, 8)"), output);
        assertFinished(output, "text-lstm.svg", dir.resolve("out"));
    }

    private Path tinyReviews() throws IOException {
        Path data = dir.resolve("reviews");
        Files.createDirectories(data);
        Files.writeString(data.resolve("rt-polarity.pos"), "a wonderful , moving film .\n".repeat(20),
                StandardCharsets.ISO_8859_1);
        Files.writeString(data.resolve("rt-polarity.neg"), "a dull and tedious mess .\n".repeat(20),
                StandardCharsets.ISO_8859_1);
        return data;
    }

    @Test
    void missingDataIsAnIOExceptionNamingThePlace() {
        String missing = dir.resolve("nowhere").toString();
        IOException e = assertThrows(IOException.class, () -> run(FashionMnistCnn::run, args(missing), "model"));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
        assertThrows(IOException.class, () -> run(TextCnn::run, args(missing), "maxlen"));
        assertThrows(IOException.class, () -> run(BinaryMlp::run, args(missing + ".csv"), "label"));
    }

    @Test
    void badOptionsAreReported() {
        ExampleArgs.BadOption unknown = assertThrows(ExampleArgs.BadOption.class,
                () -> ExampleArgs.parse(new String[] {"--epoch", "1"}));
        assertTrue(unknown.getMessage().contains("'--epoch'") && unknown.getMessage().contains("--batch-size=N"),
                "names the option and ends with the usage: " + unknown.getMessage());
        assertThrows(ExampleArgs.BadOption.class, () -> ExampleArgs.parse(new String[] {"--epochs", "x"}));
        assertThrows(ExampleArgs.BadOption.class, () -> ExampleArgs.parse(new String[] {"--epochs", "0"}));
        assertThrows(ExampleArgs.BadOption.class, () -> ExampleArgs.parse(new String[] {"--seed"}));
        assertThrows(ExampleArgs.BadOption.class,
                () -> run(FashionMnistCnn::run, new String[] {"--model", "huge"}, "model"));
        assertEquals(56, ExampleArgs.parse(new String[0], "maxlen").positive("maxlen", 56));
    }

    /** {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte} with n random images. */
    private static void writeIdx(Path folder, String prefix, int n) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(n);
        byte[] pixels = new byte[n * 28 * 28];
        random.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            out.write(labels);
        }
    }
}
