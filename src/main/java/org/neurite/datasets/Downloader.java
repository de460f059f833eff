package org.neurite.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file and checks its SHA-256 before it appears under its final name, so a cache
 * never holds a partial or altered file. Works for any URL scheme Java opens ({@code https},
 * {@code http}, {@code file}).
 */
final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private Downloader() {
    }

    /**
     * Downloads {@code uri} to {@code target}.
     *
     * @param sha256 the expected lower-case hex SHA-256, or null when the caller verifies the
     *     contents itself (an archive whose members are checked)
     * @throws IOException naming the URL when the transfer fails or the checksum differs; then
     *     {@code target} is left as it was
     */
    static void download(URI uri, Path target, String sha256) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path part = Files.createTempFile(folder, target.getFileName() + ".", ".part");
        try {
            LOG.info("downloading {} to {}", uri, target);
            URLConnection connection = uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(connection.getInputStream(), digest);
                 OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new IOException(uri + ": download failed: " + e, e);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (sha256 != null && !sha256.equalsIgnoreCase(actual)) {
                throw new IOException(uri + ": SHA-256 mismatch: expected " + sha256 + ", got " + actual
                        + "; the download was discarded");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** The lower-case hex SHA-256 of a file. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Fails unless {@code file} has the SHA-256 {@code expected}; a mismatching file is deleted. */
    static void verify(Path file, String expected, String origin) throws IOException {
        String actual = sha256(file);
        if (!expected.equalsIgnoreCase(actual)) {
            Files.deleteIfExists(file);
            throw new IOException(file.getFileName() + " from " + origin + ": SHA-256 mismatch: expected "
                    + expected + ", got " + actual + "; the file was discarded");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
