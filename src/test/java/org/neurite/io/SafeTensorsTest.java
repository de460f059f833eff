package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SafeTensorsTest {

    /** A file laid out by hand from the format description. */
    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void readsAFileWrittenByTheSpecification() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}";
        SafeTensors.Content c = SafeTensors.fromBytes(file(header, floats(1, 2, 3, 4, 5, 6, -1, 0.5f)), "t");
        assertEquals(List.of("a", "b"), List.copyOf(c.tensors().keySet()));
        assertEquals(Nd4j.createFromArray(new float[][]{{1, 2, 3}, {4, 5, 6}}), c.tensors().get("a"));
        assertEquals(Nd4j.createFromArray(-1f, 0.5f), c.tensors().get("b"));
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void writesTheSpecifiedLayoutAndRoundTripsBitExactly() throws IOException {
        INDArray flat = Nd4j.rand(DataType.FLOAT, 20);
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        tensors.put("dense/kernel", flat.get(NDArrayIndex.interval(2, 14)).reshape('c', 3, 4));   // a view
        tensors.put("dense/bias", Nd4j.createFromArray(1.5, -2.25));
        tensors.put("ids", Nd4j.createFromArray(7, -3, 1 << 30));
        tensors.put("steps", Nd4j.createFromArray(new long[]{1L << 40}));
        tensors.put("scalar", Nd4j.scalar(3f));
        tensors.put("empty", Nd4j.create(DataType.FLOAT, 0, 5));
        byte[] bytes = SafeTensors.toBytes(tensors, Map.of("iterations", "12"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = b.getLong();
        assertEquals(0, headerLength % 8);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"dense/kernel\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]}"), header);
        assertEquals(flat.getFloat(2), b.getFloat(8 + (int) headerLength));

        SafeTensors.Content back = SafeTensors.fromBytes(bytes, "t");
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (String name : tensors.keySet()) {
            INDArray expected = tensors.get(name);
            INDArray found = back.tensors().get(name);
            assertEquals(expected.dataType(), found.dataType(), name);
            assertArrayEquals(expected.shape(), found.shape(), name);
            assertEquals(expected, found, name);
        }
        assertEquals("12", back.metadata().get("iterations"));
    }

    @Test
    void everyInconsistentHeaderIsAnIOExceptionNamingTheSource() {
        byte[] data = floats(1, 2);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("expected at least the 8-byte", new byte[]{1, 2});
        cases.put("bad header length", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        cases.put("bad header: malformed JSON", file("{\"a\":", data));
        cases.put("dtype BF16 is not supported", file("{\"a\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,8]}}", data));
        cases.put("needs 12 bytes, but data_offsets give 8",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", data));
        cases.put("needs more than 8 bytes",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,16],\"data_offsets\":[0,8]}}", data));
        cases.put("begin <= end <= 8",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4000000000]}}", data));
        cases.put("shape must be a list", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", data));
        cases.put("expected 0 (tensors must cover",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", data));
        cases.put("cover 4 bytes of data but 8 follow",
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data));
        cases.put("__metadata__ value of 'n' must be a string", file("{\"__metadata__\":{\"n\":1}}", new byte[0]));
        cases.put("must be an object with dtype", file("{\"a\":[1]}", new byte[0]));
        cases.forEach((expected, bytes) -> {
            IOException e = assertThrows(IOException.class, () -> SafeTensors.fromBytes(bytes, "w.safetensors"), expected);
            assertTrue(e.getMessage().startsWith("w.safetensors: ") && e.getMessage().contains(expected), e.getMessage());
        });
    }

    @Test
    void unsupportedTypesCannotBeWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.toBytes(Map.of("m", Nd4j.createFromArray(true, false)), Map.of()));
        assertTrue(e.getMessage().contains("'m'") && e.getMessage().contains("BOOL"), e.getMessage());
    }
}
