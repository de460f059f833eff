package org.neurite.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Test helpers that take model files apart and put them back together with changed entries. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** The entries of a zip file, in order. */
    static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** A zip archive of {@code entries}. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Writes to {@code target} a copy of {@code source} with entry {@code name} changed by {@code change}. */
    static Path withEntry(Path source, Path target, String name, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = entries(source);
        entries.put(name, change.apply(entries.get(name)));
        return Files.write(target, zip(entries));
    }

    /** Like {@link #withEntry} for config.json, as text. */
    static Path withConfig(Path source, Path target, UnaryOperator<String> change) throws IOException {
        return withEntry(source, target, ModelFile.CONFIG, b -> change.apply(new String(b)).getBytes());
    }
}
