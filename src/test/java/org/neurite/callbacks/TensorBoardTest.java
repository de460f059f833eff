package org.neurite.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;
import org.neurite.optimizers.SGD;

/**
 * Reads the event files back with a reader written here, independent of the writer: its own
 * bitwise CRC32C, its own TFRecord framing and a generic protobuf wire-format decoder; fields are
 * checked by number as in TensorFlow's event.proto and summary.proto.
 */
class TensorBoardTest {

    // ------------------------------------------------------------------ the independent reader

    /** Bitwise CRC32C (Castagnoli, reflected polynomial 0x82F63B78). */
    static int crc32c(byte[] data, int off, int len) {
        int crc = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    static int masked(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** The records' data, after checking both masked CRCs of every record. */
    static List<byte[]> records(byte[] file) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (p < file.length) {
            if (p + 12 > file.length) {
                throw new IllegalStateException("truncated header at " + p);
            }
            long length = le(file, p, 8);
            if ((int) le(file, p + 8, 4) != masked(crc32c(file, p, 8))) {
                throw new IllegalStateException("length CRC mismatch at " + p);
            }
            p += 12;
            if (p + length + 4 > file.length) {
                throw new IllegalStateException("truncated record at " + p);
            }
            byte[] data = java.util.Arrays.copyOfRange(file, p, p + (int) length);
            if ((int) le(file, p + (int) length, 4) != masked(crc32c(data, 0, data.length))) {
                throw new IllegalStateException("data CRC mismatch at " + p);
            }
            out.add(data);
            p += (int) length + 4;
        }
        return out;
    }

    /** One decoded field: its wire type and raw value (varint or fixed as a long, or the bytes). */
    record Field(int number, int wireType, long bits, byte[] bytes) {
        double asDouble() {
            assertEquals(1, wireType, "field " + number + " is not fixed64");
            return Double.longBitsToDouble(bits);
        }

        float asFloat() {
            assertEquals(5, wireType, "field " + number + " is not fixed32");
            return Float.intBitsToFloat((int) bits);
        }

        long asVarint() {
            assertEquals(0, wireType, "field " + number + " is not a varint");
            return bits;
        }

        String asString() {
            assertEquals(2, wireType, "field " + number + " is not length-delimited");
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Map<Integer, List<Field>> asMessage() {
            assertEquals(2, wireType, "field " + number + " is not length-delimited");
            return decode(bytes);
        }
    }

    /** A generic protobuf decoder: field number to its occurrences, in order. */
    static Map<Integer, List<Field>> decode(byte[] b) {
        Map<Integer, List<Field>> fields = new TreeMap<>();
        int[] p = {0};
        while (p[0] < b.length) {
            long key = varint(b, p);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            Field f = switch (wire) {
                case 0 -> new Field(number, 0, varint(b, p), null);
                case 1 -> {
                    long v = le(b, p[0], 8);
                    p[0] += 8;
                    yield new Field(number, 1, v, null);
                }
                case 2 -> {
                    int len = (int) varint(b, p);
                    byte[] v = java.util.Arrays.copyOfRange(b, p[0], p[0] + len);
                    p[0] += len;
                    yield new Field(number, 2, 0, v);
                }
                case 5 -> {
                    long v = le(b, p[0], 4);
                    p[0] += 4;
                    yield new Field(number, 5, v, null);
                }
                default -> throw new IllegalStateException("wire type " + wire);
            };
            if (p[0] > b.length) {
                throw new IllegalStateException("field " + number + " runs past the end");
            }
            fields.computeIfAbsent(number, k -> new ArrayList<>()).add(f);
        }
        return fields;
    }

    static long varint(byte[] b, int[] p) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[p[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    static Field one(Map<Integer, List<Field>> m, int number) {
        List<Field> fs = m.get(number);
        assertTrue(fs != null && fs.size() == 1, "expected one field " + number + " in " + m.keySet());
        return fs.get(0);
    }

    /** A scalar point: the event's step and value. */
    record Point(long step, float value) {
    }

    /** tag to its scalar points (Summary.Value.simple_value), in file order. */
    static Map<String, List<Point>> scalars(List<byte[]> records) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        for (byte[] r : records.subList(1, records.size())) {
            Map<Integer, List<Field>> event = decode(r);
            if (!event.containsKey(5)) {
                continue;
            }
            long step = event.containsKey(2) ? one(event, 2).asVarint() : 0;
            for (Field v : one(event, 5).asMessage().getOrDefault(1, List.of())) {
                Map<Integer, List<Field>> value = v.asMessage();
                if (value.containsKey(2)) {
                    out.computeIfAbsent(one(value, 1).asString(), k -> new ArrayList<>())
                            .add(new Point(step, one(value, 2).asFloat()));
                }
            }
        }
        return out;
    }

    static Path eventFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).toList();
            assertEquals(1, found.size(), "event files in " + dir + ": " + found);
            return found.get(0);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void referenceCrc32cMatchesTheKnownVectorAndTheJdk() {
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, crc32c(digits, 0, digits.length));
        java.util.zip.CRC32C jdk = new java.util.zip.CRC32C();
        jdk.update(digits);
        assertEquals(0xE3069283L, jdk.getValue());
    }

    private static Sequential model() {
        Nd4j.getRandom().setSeed(5);
        Sequential m = new Sequential(new Input(3), new Dense(4, "relu"), new Dense(2, "softmax"));
        m.compile(new SGD(0.1), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
        return m;
    }

    private static INDArray x() {
        return Nd4j.createFromArray(new float[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0},
                {0, 1, 1}, {1, 0, 1}, {1, 1, 1}, {0, 0, 0}});
    }

    private static INDArray y() {
        return Nd4j.createFromArray(new float[][]{{1}, {0}, {1}, {0}, {1}, {0}, {1}, {0}});
    }

    @Test
    void fitWritesEpochScalarsEqualToTheHistory(@TempDir Path dir) throws IOException {
        Sequential m = model();
        long before = System.currentTimeMillis() / 1000;
        History h = m.fit(x(), y(), Fit.epochs(3).batchSize(4).verbose(0)
                .validationData(x(), y()).callbacks(new TensorBoard(dir)));
        long after = System.currentTimeMillis() / 1000 + 1;

        Path trainFile = eventFile(dir.resolve("train"));
        String name = trainFile.getFileName().toString();
        long seconds = Long.parseLong(name.split("\\.")[3]);
        assertTrue(seconds >= before && seconds <= after, name);

        List<byte[]> train = records(Files.readAllBytes(trainFile));
        Map<Integer, List<Field>> first = decode(train.get(0));
        assertEquals("brain.Event:2", one(first, 3).asString());
        double wall = one(first, 1).asDouble();
        assertTrue(wall >= before && wall <= after, "wall_time " + wall);

        Map<String, List<Point>> t = scalars(train);
        assertEquals(List.of("epoch_loss", "epoch_accuracy"), new ArrayList<>(t.keySet()));
        for (String key : List.of("loss", "accuracy")) {
            List<Point> points = t.get("epoch_" + key);
            assertEquals(3, points.size());
            for (int e = 0; e < 3; e++) {
                assertEquals(e, points.get(e).step());
                assertEquals((float) (double) h.get(key).get(e), points.get(e).value(), key + " epoch " + e);
            }
        }

        List<byte[]> val = records(Files.readAllBytes(eventFile(dir.resolve("validation"))));
        assertEquals("brain.Event:2", one(decode(val.get(0)), 3).asString());
        Map<String, List<Point>> v = scalars(val);
        assertEquals(List.of("epoch_loss", "epoch_accuracy"), new ArrayList<>(v.keySet()));
        for (String key : List.of("loss", "accuracy")) {
            List<Point> points = v.get("epoch_" + key);
            for (int e = 0; e < 3; e++) {
                assertEquals(e, points.get(e).step());
                assertEquals((float) (double) h.get("val_" + key).get(e), points.get(e).value());
            }
        }

        // the model summary as a text-plugin string tensor
        Map<Integer, List<Field>> textValue = null;
        for (byte[] r : train.subList(1, train.size())) {
            Map<Integer, List<Field>> event = decode(r);
            for (Field f : one(event, 5).asMessage().get(1)) {
                Map<Integer, List<Field>> value = f.asMessage();
                if (one(value, 1).asString().equals("model_summary")) {
                    textValue = value;
                }
            }
        }
        assertTrue(textValue != null, "no model_summary");
        Map<Integer, List<Field>> pluginData = one(one(textValue, 9).asMessage(), 1).asMessage();
        assertEquals("text", one(pluginData, 1).asString());
        Map<Integer, List<Field>> tensor = one(textValue, 8).asMessage();
        assertEquals(7, one(tensor, 1).asVarint());   // DT_STRING
        assertTrue(one(tensor, 8).asString().contains("dense"), one(tensor, 8).asString());
    }

    @Test
    void batchModeWritesTheRunningBatchValuesAtTheGlobalBatchNumber(@TempDir Path dir) throws IOException {
        Sequential m = model();
        List<Double> batchLosses = new ArrayList<>();
        Callback record = new Callback() {
            @Override
            public void onBatchEnd(int batch, Map<String, Double> logs) {
                batchLosses.add(logs.get("loss"));
            }
        };
        m.fit(x(), y(), Fit.epochs(2).batchSize(3).verbose(0).shuffle(false)
                .callbacks(record, new TensorBoard(dir).updateFreq("batch").writeGraph(false)));
        Map<String, List<Point>> t = scalars(records(Files.readAllBytes(eventFile(dir.resolve("train")))));
        List<Point> points = t.get("batch_loss");
        assertEquals(6, points.size());   // 3 batches (3, 3, 2 rows) x 2 epochs
        for (int i = 0; i < 6; i++) {
            assertEquals(i + 1, points.get(i).step());
            assertEquals((float) (double) batchLosses.get(i), points.get(i).value());
        }
        assertTrue(t.containsKey("batch_accuracy"));
        assertEquals(2, t.get("epoch_loss").size());
        assertFalse(Files.exists(dir.resolve("validation")), "no validation data, no validation run");
    }

    @Test
    void histogramsDescribeEveryWeight(@TempDir Path dir) throws IOException {
        Sequential m = model();
        m.fit(x(), y(), Fit.epochs(3).batchSize(4).verbose(0).callbacks(new TensorBoard(dir).histogramFreq(2)));
        List<byte[]> train = records(Files.readAllBytes(eventFile(dir.resolve("train"))));
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        Map<Integer, List<Field>> lastKernel = null;
        for (byte[] r : train.subList(1, train.size())) {
            Map<Integer, List<Field>> event = decode(r);
            for (Field f : one(event, 5).asMessage().get(1)) {
                Map<Integer, List<Field>> value = f.asMessage();
                if (value.containsKey(5)) {
                    String tag = one(value, 1).asString();
                    steps.computeIfAbsent(tag, k -> new ArrayList<>()).add(one(event, 2).asVarint());
                    if (tag.endsWith("kernel") && lastKernel == null) {
                        lastKernel = one(value, 5).asMessage();
                    }
                }
            }
        }
        assertEquals(4, steps.size(), steps.toString());   // two Dense layers, kernel and bias
        steps.values().forEach(s -> assertEquals(List.of(0L, 2L), s));
        assertTrue(lastKernel != null, steps.toString());
        double min = one(lastKernel, 1).asDouble();
        double max = one(lastKernel, 2).asDouble();
        double num = one(lastKernel, 3).asDouble();
        assertTrue(min <= max);
        byte[] limits = one(lastKernel, 6).bytes();
        byte[] counts = one(lastKernel, 7).bytes();
        assertEquals(limits.length, counts.length);
        double total = 0;
        for (int i = 0; i < counts.length; i += 8) {
            total += Double.longBitsToDouble(le(counts, i, 8));
        }
        assertEquals(num, total);
        assertEquals(max, Double.longBitsToDouble(le(limits, limits.length - 8, 8)));
    }

    @Test
    void aCorruptedByteIsDetected(@TempDir Path dir) throws IOException {
        Sequential m = model();
        m.fit(x(), y(), Fit.epochs(1).batchSize(4).verbose(0).callbacks(new TensorBoard(dir).writeGraph(false)));
        byte[] file = Files.readAllBytes(eventFile(dir.resolve("train")));
        records(file);   // intact
        for (int at : new int[]{3, 20, file.length - 10}) {   // a length byte, the first event's data, the last
            byte[] bad = file.clone();
            bad[at] ^= 0x10;
            assertThrows(IllegalStateException.class, () -> records(bad), "flip at " + at);
        }
        assertArrayEquals(file, Files.readAllBytes(eventFile(dir.resolve("train"))));
    }

    @Test
    void anUnwritableDirectoryWarnsAndTrainingGoesOn(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        Sequential m = model();
        History h = m.fit(x(), y(), Fit.epochs(2).batchSize(4).verbose(0).validationData(x(), y())
                .callbacks(new TensorBoard(blocker.resolve("logs"))));
        assertEquals(2, h.get("loss").size());
    }

    @Test
    void rejectsBadOptions(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard(dir).updateFreq("step"));
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard(dir).updateFreq(0));
        assertThrows(IllegalArgumentException.class, () -> new TensorBoard(dir).histogramFreq(-1));
    }
}
