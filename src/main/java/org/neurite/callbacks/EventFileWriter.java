package org.neurite.callbacks;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a TensorBoard event file ({@code events.out.tfevents.<seconds>.<hostname>}): TFRecord
 * records (uint64 little-endian length, masked CRC32C of the length bytes, the data, masked CRC32C
 * of the data), each holding a serialised {@code tensorflow.Event}. The first record is the
 * {@code file_version "brain.Event:2"} event. The protobuf encoding is written by hand in {@link Proto}.
 */
final class EventFileWriter implements Closeable {
    private static final int MASK_DELTA = 0xa282ead8;

    private final Path file;
    private final OutputStream out;

    EventFileWriter(Path dir) throws IOException {
        Files.createDirectories(dir);
        long now = System.currentTimeMillis();
        String base = "events.out.tfevents." + (now / 1000) + "." + hostname();
        Path candidate = dir.resolve(base);
        for (int i = 1; Files.exists(candidate); i++) {   // a second run in the same second keeps the first
            candidate = dir.resolve(base + "." + i);
        }
        file = candidate;
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
        Proto event = new Proto().fixed64Double(1, now / 1000.0).string(3, "brain.Event:2");
        writeRecord(event.toByteArray());
        out.flush();
    }

    Path file() {
        return file;
    }

    /** Writes an Event at {@code step} holding {@code summary} (a serialised {@code Summary}). */
    void writeSummary(long step, byte[] summary) throws IOException {
        Proto event = new Proto()
                .fixed64Double(1, System.currentTimeMillis() / 1000.0)
                .varint(2, step)
                .bytes(5, summary);
        writeRecord(event.toByteArray());
    }

    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeRecord(byte[] data) throws IOException {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        out.write(length);
        out.write(le32(maskedCrc(length)));
        out.write(data);
        out.write(le32(maskedCrc(data)));
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    /** TFRecord's masked CRC32C: the CRC rotated right by 15 bits, plus 0xa282ead8 (mod 2^32). */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    private static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    /** A minimal protobuf encoder: the wire types varint (0), fixed64 (1), length-delimited (2), fixed32 (5). */
    static final class Proto {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        private void tag(int field, int wireType) {
            rawVarint(((long) field << 3) | wireType);
        }

        private void rawVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                buf.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buf.write((int) v);
        }

        Proto varint(int field, long v) {
            tag(field, 0);
            rawVarint(v);
            return this;
        }

        Proto fixed64Double(int field, double v) {
            tag(field, 1);
            buf.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
            return this;
        }

        Proto fixed32Float(int field, float v) {
            tag(field, 5);
            buf.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
            return this;
        }

        Proto bytes(int field, byte[] v) {
            tag(field, 2);
            rawVarint(v.length);
            buf.writeBytes(v);
            return this;
        }

        Proto string(int field, String v) {
            return bytes(field, v.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto v) {
            return bytes(field, v.toByteArray());
        }

        /** A packed {@code repeated double}. */
        Proto packedDoubles(int field, double[] v) {
            ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double d : v) {
                b.putDouble(d);
            }
            return bytes(field, b.array());
        }

        byte[] toByteArray() {
            return buf.toByteArray();
        }
    }
}
