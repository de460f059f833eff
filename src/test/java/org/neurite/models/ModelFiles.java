package org.neurite.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.neurite.io.Json;

/**
 * Test helpers that take model files apart and put them back together with changed entries. The
 * archives they build carry config.json's checksums table recomputed for the changed entries (as a
 * tool that rewrites a model file on purpose would), so tests of what the loader does with unusual
 * content reach the parsers rather than stopping at the integrity check; {@link #zipAsIs} keeps
 * config.json as given.
 */
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

    /**
     * A zip archive of {@code entries}, with config.json's checksums table (when it has one and parses)
     * recomputed for the other entries.
     */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        return zipAsIs(resealed(entries));
    }

    /** {@code entries} with the checksums table of config.json recomputed, when it has one and parses. */
    static Map<String, byte[]> resealed(Map<String, byte[]> entries) {
        byte[] configBytes = entries.get(ModelFile.CONFIG);
        if (configBytes == null) {
            return entries;
        }
        Map<String, Object> config;
        try {
            config = Json.parseObject(new String(configBytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return entries;
        }
        if (!(config.get(ModelFile.CHECKSUMS) instanceof Map)) {
            return entries;
        }
        Map<String, byte[]> others = new LinkedHashMap<>(entries);
        others.remove(ModelFile.CONFIG);
        config.put(ModelFile.CHECKSUMS, ModelFile.checksums(others));
        Map<String, byte[]> out = new LinkedHashMap<>(entries);
        out.put(ModelFile.CONFIG, Json.writePretty(config).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** A zip archive of {@code entries} exactly as given. */
    static byte[] zipAsIs(Map<String, byte[]> entries) throws IOException {
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
