package org.neurite.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length {@code H}, a JSON
 * header of {@code H} bytes mapping each tensor name to
 * {@code {"dtype": "F32", "shape": [5, 64], "data_offsets": [begin, end]}} (plus an optional
 * {@code "__metadata__"} object of strings), then the raw little-endian bytes of all tensors,
 * offsets counted from the end of the header.
 *
 * <pre>{@code
 * byte[] bytes = SafeTensors.toBytes(Map.of("dense/kernel", kernel), Map.of("format", "neurite"));
 * SafeTensors.Content back = SafeTensors.fromBytes(bytes, "weights.safetensors");
 * INDArray k = back.tensors().get("dense/kernel");
 * }</pre>
 *
 * Types F32, F64, I32 and I64 are read and written. Reading checks every header value against the
 * bytes present before allocating anything (header length, offsets, dtype, shape times element
 * size, no gaps or overlaps), so a corrupt or hostile buffer gives an {@link IOException} naming
 * {@code source}, never a huge allocation. Arrays read live outside every ND4J workspace.
 */
public final class SafeTensors {
    /** The key of the optional string-to-string metadata in the header. */
    public static final String METADATA = "__metadata__";
    /** The largest header read, as the reference implementation (100 MB). */
    public static final long MAX_HEADER = 100_000_000L;

    private static final Map<String, DataType> TYPES = Map.of(
            "F32", DataType.FLOAT, "F64", DataType.DOUBLE, "I32", DataType.INT, "I64", DataType.LONG);

    /** The tensors of a file, in data order, and its metadata. */
    public record Content(Map<String, INDArray> tensors, Map<String, String> metadata) {
    }

    private SafeTensors() {
    }

    /**
     * Encodes {@code tensors} (in iteration order) with {@code metadata} (may be empty). The header
     * is padded with spaces to a multiple of 8 bytes, as the reference writer does.
     *
     * @throws IllegalArgumentException for a data type other than FLOAT, DOUBLE, INT or LONG, or
     *                                  more than 2 GiB in all
     */
    public static byte[] toBytes(Map<String, INDArray> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            header.put(METADATA, metadata);
        }
        long offset = 0;
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            INDArray a = e.getValue();
            long size = (long) a.length() * a.dataType().width();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", typeName(e.getKey(), a.dataType()));
            info.put("shape", a.shape());
            info.put("data_offsets", new long[]{offset, offset + size});
            header.put(e.getKey(), info);
            offset += size;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("safetensors: " + total + " bytes do not fit one buffer (2 GiB)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (INDArray a : tensors.values()) {
            putData(out, a);
        }
        return out.array();
    }

    /**
     * Decodes a safetensors buffer.
     *
     * @param source names the data in error messages (a file, or a file and an entry)
     * @throws IOException naming {@code source} and what is wrong, for any malformed content
     */
    public static Content fromBytes(byte[] bytes, String source) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw fail(source, "truncated: " + bytes.length + " bytes, expected at least the 8-byte header length");
        }
        long headerLength = in.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8) {
            throw fail(source, "bad header length " + headerLength + ": expected 2 to "
                    + Math.min(MAX_HEADER, bytes.length - 8L) + " for a buffer of " + bytes.length + " bytes");
        }
        Map<String, Object> header;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) headerLength)).toString();
            header = Json.parseObject(text);
        } catch (CharacterCodingException e) {
            throw fail(source, "bad header: not valid UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw fail(source, "bad header: " + e.getMessage());
        }
        long dataStart = 8 + headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = metadata(header.remove(METADATA), source);
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            entries.add(Entry.of(e.getKey(), e.getValue(), dataLength, source));
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                throw fail(source, "tensor '" + e.name() + "' starts at byte " + e.begin() + ", expected "
                        + expected + " (tensors must cover the data without gaps or overlaps)");
            }
            expected = e.end();
        }
        if (expected != dataLength) {
            throw fail(source, "the tensors cover " + expected + " bytes of data but " + dataLength + " follow the header");
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (Entry e : entries) {
                ByteBuffer slice = ByteBuffer.wrap(bytes, (int) (dataStart + e.begin()), (int) (e.end() - e.begin()))
                        .slice().order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(e.name(), array(slice, e.type(), e.shape()));
            }
        }
        return new Content(tensors, metadata);
    }

    private static Map<String, String> metadata(Object value, String source) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw fail(source, "bad header: " + METADATA + " must be an object of strings");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw fail(source, "bad header: " + METADATA + " value of '" + e.getKey() + "' must be a string, found "
                        + Json.describe(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static String typeName(String name, DataType type) {
        for (Map.Entry<String, DataType> e : TYPES.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("safetensors: tensor '" + name + "' has data type " + type
                + ", expected one of FLOAT, DOUBLE, INT, LONG");
    }

    private static void putData(ByteBuffer out, INDArray a) {
        INDArray c = a.dup('c');
        switch (a.dataType()) {
            case FLOAT -> out.asFloatBuffer().put(c.data().asFloat());
            case DOUBLE -> out.asDoubleBuffer().put(c.data().asDouble());
            case INT -> out.asIntBuffer().put(c.data().asInt());
            default -> out.asLongBuffer().put(c.data().asLong());
        }
        out.position(out.position() + (int) (a.length() * a.dataType().width()));
    }

    private static INDArray array(ByteBuffer data, DataType type, long[] shape) {
        int n = data.remaining() / type.width();
        if (n == 0) {
            return Nd4j.create(type, shape);
        }
        return switch (type) {
            case FLOAT -> {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                yield Nd4j.create(v, shape, 'c');
            }
            case DOUBLE -> {
                double[] v = new double[n];
                data.asDoubleBuffer().get(v);
                yield Nd4j.create(v, shape, 'c');
            }
            case INT -> {
                int[] v = new int[n];
                data.asIntBuffer().get(v);
                yield Nd4j.create(Nd4j.createBuffer(v), shape);
            }
            default -> {
                long[] v = new long[n];
                data.asLongBuffer().get(v);
                yield Nd4j.create(Nd4j.createBuffer(v), shape);
            }
        };
    }

    static IOException fail(String source, String what) {
        return new IOException(source + ": " + what);
    }

    /** One validated header entry. */
    private record Entry(String name, DataType type, long[] shape, long begin, long end) {
        static Entry of(String name, Object value, long dataLength, String source) throws IOException {
            if (!(value instanceof Map<?, ?> info)) {
                throw fail(source, "bad header: tensor '" + name + "' must be an object with dtype, shape and "
                        + "data_offsets, found " + Json.describe(value));
            }
            DataType type = TYPES.get(String.valueOf(info.get("dtype")));
            if (type == null) {
                throw fail(source, "tensor '" + name + "': dtype " + info.get("dtype") + " is not supported; expected "
                        + "one of " + new TreeSet<>(TYPES.keySet()));
            }
            long[] shape = longs(info.get("shape"), name, "shape", source);
            long[] offsets = longs(info.get("data_offsets"), name, "data_offsets", source);
            if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataLength) {
                throw fail(source, "tensor '" + name + "': data_offsets " + Arrays.toString(offsets)
                        + " must be [begin, end] with begin <= end <= " + dataLength + " (the data length)");
            }
            long count = 1;
            for (long d : shape) {
                count = d == 0 ? 0 : count > Long.MAX_VALUE / d ? Long.MAX_VALUE : count * d;
            }
            long bytes = offsets[1] - offsets[0];
            if (count > bytes || count * type.width() != bytes) {
                throw fail(source, "tensor '" + name + "': shape " + Arrays.toString(shape) + " of " + info.get("dtype")
                        + " needs " + (count > bytes ? "more than " + bytes : String.valueOf(count * type.width()))
                        + " bytes, but data_offsets give " + bytes);
            }
            return new Entry(name, type, shape, offsets[0], offsets[1]);
        }

        private static long[] longs(Object value, String name, String key, String source) throws IOException {
            if (value instanceof List<?> list && list.size() <= 32
                    && list.stream().allMatch(x -> x instanceof Long l && l >= 0)) {
                return list.stream().mapToLong(x -> (Long) x).toArray();
            }
            throw fail(source, "tensor '" + name + "': " + key + " must be a list of at most 32 whole numbers >= 0, "
                    + "found " + Json.describe(value));
        }
    }
}
