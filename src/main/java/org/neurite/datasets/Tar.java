package org.neurite.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of the tar format (POSIX ustar and GNU, as written by GNU tar) to take a few named
 * files out of a downloaded {@code .tar.gz}; no links, no permissions, no long-name extensions.
 */
final class Tar {
    private static final int BLOCK = 512;
    private static final long MAX_ENTRY = 1L << 31;

    private Tar() {
    }

    /**
     * Copies the regular files of {@code archive} whose base name is in {@code wanted} into
     * {@code folder}, under that base name.
     *
     * @return the base names extracted, in archive order
     */
    static List<String> extract(Path archive, Set<String> wanted, Path folder) throws IOException {
        List<String> extracted = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            while (true) {
                byte[] header = in.readNBytes(BLOCK);
                if (header.length == 0 || isZero(header)) {
                    return extracted;
                }
                if (header.length < BLOCK) {
                    throw new IOException(archive + ": truncated tar header");
                }
                String name = text(header, 0, 100);
                if ("ustar".equals(text(header, 257, 5)) && !text(header, 345, 155).isEmpty()) {
                    name = text(header, 345, 155) + "/" + name;
                }
                long size = octal(archive, header, 124, 12);
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                byte type = header[156];
                String base = name.substring(name.lastIndexOf('/') + 1);
                if ((type == '0' || type == 0) && wanted.contains(base)) {
                    try (OutputStream out = Files.newOutputStream(folder.resolve(base))) {
                        long copied = copy(in, out, size);
                        if (copied < size) {
                            throw new IOException(archive + ": truncated entry " + name);
                        }
                    }
                    in.skipNBytes(padded - size);
                    extracted.add(base);
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
    }

    private static long copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        while (copied < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(Path archive, byte[] header, int offset, int length) throws IOException {
        String digits = text(header, offset, length).trim();
        try {
            long value = digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
            if (value < 0 || value > MAX_ENTRY) {
                throw new NumberFormatException("out of range");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IOException(archive + ": bad tar entry size \"" + digits + "\"", e);
        }
    }
}
