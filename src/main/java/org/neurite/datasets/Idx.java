package org.neurite.datasets;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Rows;

/**
 * Reads and writes IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST: a big-endian
 * int32 magic ({@code 0x00000803} for images, {@code 0x00000801} for labels; the last byte is the
 * number of dimensions), one big-endian int32 per dimension, then the bytes in row-major order.
 * Files may be gzip-compressed (recognised by their first two bytes, whatever their name).
 *
 * <p>Every problem with a file (bad magic, a header that does not match the file length, a broken
 * gzip stream) is an {@link IOException} whose message starts with the file's path and says what is
 * wrong. Memory is only allocated for bytes that are actually in the file, so a corrupt header
 * cannot ask for gigabytes.
 */
public final class Idx {
    /** Magic of a one-dimensional unsigned-byte file (labels). */
    public static final int LABELS = 0x00000801;
    /** Magic of a three-dimensional unsigned-byte file (images {@code [n, rows, cols]}). */
    public static final int IMAGES = 0x00000803;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMENSIONS = 8;

    private Idx() {
    }

    /**
     * The contents of an IDX file: its magic, its dimension sizes and its bytes (not copied; treat
     * them as read-only). Values are unsigned: use {@code values()[i] & 0xFF}.
     */
    public record Data(Path file, int magic, int[] dims, byte[] values) {
        /** The product of the dimension sizes. */
        public long count() {
            return values.length;
        }
    }

    /** Reads any unsigned-byte IDX file with 1 to 8 dimensions. */
    public static Data read(Path file) throws IOException {
        return read(file, 0);
    }

    /**
     * Reads an IDX file and checks its magic.
     *
     * @param expectedMagic {@link #IMAGES}, {@link #LABELS}, or 0 for any unsigned-byte file
     */
    public static Data read(Path file, int expectedMagic) throws IOException {
        boolean gzip = false;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long fileLength = Files.size(file);
            raw.mark(2);
            gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(file, in, expectedMagic, gzip, fileLength);
        } catch (IdxException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String what = gzip ? "corrupt or truncated gzip data" : "cannot read";
            throw new IOException(file + ": " + what + ": " + e, e);
        }
    }

    /** Reads an image file ({@link #IMAGES}) as FLOAT {@code [n, rows, cols, 1]} scaled to [0, 1]. */
    public static INDArray readImages(Path file) throws IOException {
        Data data = read(file, IMAGES);
        long[] shape = {data.dims()[0], data.dims()[1], data.dims()[2], 1};
        return toFloat(data.values(), shape).divi(255);
    }

    /** Reads a label file ({@link #LABELS}) as FLOAT {@code [n]} holding the byte values. */
    public static INDArray readLabels(Path file) throws IOException {
        Data data = read(file, LABELS);
        return toFloat(data.values(), new long[] {data.dims()[0]});
    }

    /**
     * Writes an unsigned-byte IDX file with the given dimensions, gzip-compressed when the file
     * name ends in {@code .gz}.
     */
    public static void write(Path file, int[] dims, byte[] values) throws IOException {
        if (dims.length < 1 || dims.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("IDX files have 1 to " + MAX_DIMENSIONS + " dimensions, got "
                    + dims.length);
        }
        long count = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
        if (count != values.length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " hold " + count
                    + " values, got " + values.length);
        }
        try (OutputStream plain = Files.newOutputStream(file);
             OutputStream sink = file.toString().endsWith(".gz") ? new GZIPOutputStream(plain) : plain;
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink))) {
            out.writeInt(UNSIGNED_BYTE << 8 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        }
    }

    private static Data read(Path file, InputStream in, int expectedMagic, boolean gzip, long fileLength)
            throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw fail(file, head.length == 0 ? "empty file" : "truncated: file ends inside the 4-byte magic");
        }
        int magic = ByteBuffer.wrap(head).getInt();
        int rank = head[3] & 0xFF;
        if (head[0] != 0 || head[1] != 0 || (head[2] & 0xFF) != UNSIGNED_BYTE || rank < 1 || rank > MAX_DIMENSIONS
                || expectedMagic != 0 && magic != expectedMagic) {
            throw fail(file, String.format("bad magic 0x%08X, expected %s", magic, expectedMagic == 0
                    ? "0x000008NN (unsigned bytes, NN = 1 to 8 dimensions)" : describe(expectedMagic)));
        }
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw fail(file, "truncated: the header announces " + rank + " dimension sizes but the file ends after "
                    + dimBytes.length / 4);
        }
        int[] dims = new int[rank];
        ByteBuffer.wrap(dimBytes).asIntBuffer().get(dims);
        String dimText = Arrays.stream(dims).mapToObj(Integer::toUnsignedString).collect(Collectors.joining("x"));
        long count = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw fail(file, "bad header: dimension sizes " + dimText + " must all be positive");
            }
            count = count > Long.MAX_VALUE / d ? Long.MAX_VALUE : count * d;
        }
        String what = magic == IMAGES ? "pixels" : magic == LABELS ? "labels" : "data";
        long header = 4 + 4L * rank;
        String says = "header says " + dimText + " = " + count + " bytes of " + what;
        if (count > Integer.MAX_VALUE - 8) {
            throw fail(file, "bad header: " + says + ", more than one array can hold");
        }
        if (!gzip && count > fileLength - header) {
            throw fail(file, "truncated: " + says + ", found " + (fileLength - header));
        }
        byte[] values = in.readNBytes((int) count); // grows with the bytes read, not with the header's claim
        if (values.length < count) {
            throw fail(file, "truncated: " + says + ", found " + values.length);
        }
        if (in.read() != -1) {
            long extra = gzip ? 1 + in.transferTo(OutputStream.nullOutputStream()) : fileLength - header - count;
            throw fail(file, "corrupt: " + says + ", but " + extra + " more byte(s) follow them");
        }
        return new Data(file, magic, dims, values);
    }

    private static String describe(int magic) {
        String kind = magic == IMAGES ? "IDX images" : magic == LABELS ? "IDX labels" : "IDX";
        return String.format("0x%08X (%s: unsigned bytes, %d dimension(s))", magic, kind, magic & 0xFF);
    }

    /** Unsigned bytes as a FLOAT array of {@code shape}, converted by ND4J, outside any workspace. */
    private static INDArray toFloat(byte[] values, long[] shape) {
        ByteBuffer direct = ByteBuffer.allocateDirect(values.length).order(ByteOrder.nativeOrder());
        direct.put(values).rewind();
        try {
            return Rows.detached(() -> {
                DataBuffer buffer = Nd4j.createBuffer(direct, DataType.UBYTE, values.length);
                return Nd4j.create(buffer, shape).castTo(DataType.FLOAT);
            });
        } finally {
            Reference.reachabilityFence(direct);
        }
    }

    private static IOException fail(Path file, String what) {
        return new IdxException(file + ": " + what);
    }

    /** Marks the messages this class wrote, so they are not wrapped twice. */
    private static final class IdxException extends IOException {
        IdxException(String message) {
            super(message);
        }
    }
}
