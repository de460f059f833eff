package org.neurite.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.neurite.io.EncryptedFileException;
import org.neurite.io.FileCipher;
import org.neurite.io.FileKey;
import org.neurite.io.Json;
import org.neurite.io.SafeTensors;

/**
 * A model file: a zip archive of {@code config.json} ({@link ModelConfig}),
 * {@code model.weights.safetensors} and, for a compiled model, {@code optimizer.safetensors}
 * ({@link ModelWeights}). Saving writes a temporary file in the target's folder, forces it to disk
 * and moves it over the target atomically, so a failed save leaves the previous file as it was.
 * Loading turns every problem with the file into an {@link IOException} that names it.
 *
 * <p>Integrity: {@code config.json} holds a {@code "checksums"} table with the size and SHA-256 of
 * every other entry, and every entry (config.json included) is checked against the zip's own
 * CRC-32 on reading; a damaged entry is refused with an IOException naming the file and the entry.
 * Files written before the table existed (same format version 1) have only the CRC-32 check.
 */
final class ModelFile {
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    /** The key in config.json of the table of the other entries' sizes and SHA-256 digests. */
    static final String CHECKSUMS = "checksums";

    private static final long MAX_CONFIG = 64L << 20;
    private static final long MAX_TENSORS = Integer.MAX_VALUE - 8;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    /** What a model file holds; {@code optimizer} is null when the model was saved uncompiled. */
    record Archive(Map<String, Object> config, SafeTensors.Content weights, SafeTensors.Content optimizer) {
    }

    private ModelFile() {
    }

    static void save(Model model, Path path) throws IOException {
        save(model, path, null, UnaryOperator.identity());
    }

    /** Saves through {@code wrap}, which tests use to make the disk fail part way. */
    static void save(Model model, Path path, UnaryOperator<OutputStream> wrap) throws IOException {
        save(model, path, null, wrap);
    }

    /**
     * Saves encrypted under {@code key} (plain when null) through {@code wrap}. An encrypted file is
     * the plain file's bytes, built in memory, encrypted by {@link FileCipher}; the plain bytes never
     * reach the disk.
     */
    static void save(Model model, Path path, FileKey key, UnaryOperator<OutputStream> wrap) throws IOException {
        Map<String, Object> config;
        try {
            config = ModelConfig.of(model);
        } catch (IOException e) {
            throw new IOException("cannot save " + path + ": " + e.getMessage() + "; nothing was written and any "
                    + "previous file is unchanged", e);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(WEIGHTS, SafeTensors.toBytes(ModelWeights.of(model), Map.of("format", ModelConfig.FORMAT)));
        if (config.get("compile_config") != null) {
            entries.put(OPTIMIZER, SafeTensors.toBytes(model.isBuilt() ? ModelWeights.optimizerState(model, model.optimizer()) : Map.of(),
                    Map.of(ModelWeights.ITERATIONS, String.valueOf(model.optimizer().iterations()))));
        }
        config.put(CHECKSUMS, checksums(entries));
        Map<String, byte[]> archive = new LinkedHashMap<>();
        archive.put(CONFIG, Json.writePretty(config).getBytes(StandardCharsets.UTF_8));
        archive.putAll(entries);
        try {
            if (key == null) {
                AtomicWrite.write(path, wrap, out -> zip(archive, out));
            } else {
                ByteArrayOutputStream plain = new ByteArrayOutputStream();
                zip(archive, plain);
                byte[] sealed = FileCipher.encrypt(plain.toByteArray(), key);
                AtomicWrite.write(path, wrap, out -> out.write(sealed));
            }
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();   // already set; kept so that callers see it
            throw new IOException("cannot save " + path + ": interrupted (the thread's interrupt flag is set, which "
                    + "closes a file being written); the temporary file was deleted and any previous file is unchanged",
                    e);
        } catch (IOException e) {
            throw new IOException("cannot save " + path + ": " + describe(e) + "; any previous file is unchanged", e);
        }
    }

    /** The message of {@code e}, or its class name when it has none. */
    static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    /** The {@code "checksums"} table of config.json: {@code {entry: {"size": n, "sha256": hex}}}. */
    static Map<String, Object> checksums(Map<String, byte[]> entries) {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            Map<String, Object> sum = new LinkedHashMap<>();
            sum.put("size", (long) bytes.length);
            sum.put("sha256", sha256(bytes));
            out.put(name, sum);
        });
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Writes {@code entries} as a zip archive to {@code out} and flushes it. */
    private static void zip(Map<String, byte[]> entries, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            put(zip, e.getKey(), e.getValue(), !e.getKey().equals(CONFIG));
        }
        zip.finish();
        zip.flush();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, boolean stored) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        if (stored) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads and checks the entries of a model file (format and version included): each entry against
     * the zip's CRC-32 and, when config.json has a checksums table, against its size and SHA-256.
     */
    static Archive read(Path path) throws IOException {
        return read(path, null);
    }

    /**
     * Reads a model file, decrypting it with {@code key} when it is encrypted. An encrypted file
     * without a key, a plain file with a key, a wrong key and a damaged encrypted file are refused
     * with an {@link EncryptedFileException} saying which.
     */
    static Archive read(Path path, FileKey key) throws IOException {
        String file = path.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(FileCipher.MAGIC.length);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read: " + e, e);
        }
        if (FileCipher.isEncrypted(head)) {
            if (key == null) {
                throw new EncryptedFileException(EncryptedFileException.Reason.KEY_REQUIRED, file + ": the model file "
                        + "is encrypted; load it with its key (Model.load(path, key), Sequential.load(path, key))");
            }
            long size = Files.size(path);
            if (size > MAX_TENSORS) {
                throw new IOException(file + ": an encrypted model file of " + size + " bytes, more than the "
                        + MAX_TENSORS + " this reader accepts");
            }
            byte[] plain = FileCipher.decrypt(Files.readAllBytes(path), key, file);
            return read(file, ArchiveEntries.inMemory(plain, file));
        }
        if (key != null) {
            boolean zip = head.length >= 2 && head[0] == 'P' && head[1] == 'K';
            throw new EncryptedFileException(zip ? EncryptedFileException.Reason.NOT_ENCRYPTED
                    : EncryptedFileException.Reason.DAMAGED, file + (zip
                    ? ": the model file is not encrypted, but a key was given; load it without a key (a key promises "
                            + "an encrypted, authenticated file, so a plain one is not accepted in its place)"
                    : ": not a Neurite model file, or a damaged one: it starts with neither the encrypted file's "
                            + "magic bytes nor a zip archive's"));
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return read(file, ArchiveEntries.of(zip, file));
        } catch (ZipException e) {
            throw new IOException(file + ": not a Neurite model file, or a damaged one (expected a zip archive): "
                    + describe(e), e);        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file)) {
                throw e;
            }
            throw new IOException(file + ": cannot be read: " + e, e);
        }
    }

    /** Reads and checks the entries of a model file named {@code file}. */
    private static Archive read(String file, ArchiveEntries zip) throws IOException {
        try {
            byte[] configBytes = zip.get(CONFIG, MAX_CONFIG);
            if (configBytes == null) {
                throw new IOException(file + ": not a Neurite model file, or a damaged one: the archive has no "
                        + CONFIG);
            }
            Map<String, Object> config;
            try {
                config = Json.parseObject(new String(configBytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + CONFIG + ": " + e.getMessage(), e);
            }
            ModelConfig.checkFormat(config, file);
            Map<String, Object> sums = config.containsKey(CHECKSUMS)
                    ? ModelConfig.map(config.get(CHECKSUMS), CONFIG + "'s " + CHECKSUMS, file) : null;
            byte[] weights = checked(zip, WEIGHTS, sums, file);
            byte[] optimizer = checked(zip, OPTIMIZER, sums, file);
            if (sums != null) {
                for (String name : sums.keySet()) {
                    if (!name.equals(WEIGHTS) && !name.equals(OPTIMIZER)) {
                        checked(zip, name, sums, file);   // an entry a later Neurite added: still verified
                    }
                }
            }
            return new Archive(config,
                    weights == null ? new SafeTensors.Content(Map.of(), Map.of())
                            : SafeTensors.fromBytes(weights, file + "!/" + WEIGHTS),
                    optimizer == null ? null : SafeTensors.fromBytes(optimizer, file + "!/" + OPTIMIZER));
        } catch (ZipException e) {
            throw new IOException(file + ": not a Neurite model file, or a damaged one (expected a zip archive): "
                    + describe(e), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file) || e instanceof EncryptedFileException) {
                throw e;
            }
            throw new IOException(file + ": cannot be read: " + e, e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot be read: " + e, e);
        }
    }

    /**
     * The bytes of entry {@code name}, or null without one, checked against {@code sums} (config.json's
     * checksums table; null in a file written before it existed): an entry the table lists must be
     * present with that size and SHA-256, and an entry present must be listed.
     */
    private static byte[] checked(ArchiveEntries zip, String name, Map<String, Object> sums, String file) throws IOException {
        byte[] bytes = zip.get(name, MAX_TENSORS);
        if (sums == null) {
            return bytes;
        }
        String where = file + "!/" + name;
        if (!sums.containsKey(name)) {
            if (bytes == null) {
                return null;
            }
            throw new IOException(where + ": damaged file: the entry is not in config.json's " + CHECKSUMS
                    + " table " + sums.keySet());
        }
        if (bytes == null) {
            throw new IOException(where + ": damaged file: the entry is listed in config.json's " + CHECKSUMS
                    + " but missing from the archive");
        }
        Map<String, Object> sum = ModelConfig.map(sums.get(name), CONFIG + "'s " + CHECKSUMS + " for " + name, file);
        if (!(sum.get("size") instanceof Long size) || !(sum.get("sha256") instanceof String sha)) {
            throw new IOException(file + ": " + CONFIG + "'s " + CHECKSUMS + " for " + name
                    + " needs \"size\" (a number) and \"sha256\" (a string), found " + sum.keySet());
        }
        if (bytes.length != size) {
            throw new IOException(where + ": damaged file: the entry holds " + bytes.length + " bytes, config.json "
                    + "records " + size);
        }
        String found = sha256(bytes);
        if (!found.equalsIgnoreCase(sha)) {
            throw new IOException(where + ": damaged file: the entry's SHA-256 is " + found + ", config.json records "
                    + sha);
        }
        return bytes;
    }

    static Model load(Path path) throws IOException {
        return load(path, null);
    }

    /** Loads a model file, decrypting it with {@code key} (null for a plain file). */
    static Model load(Path path, FileKey key) throws IOException {
        Archive archive = read(path, key);
        String file = path.toString();
        try {
            WeightBudget budget = new WeightBudget(archive.weights().tensors());
            Model model = ModelConfig.model(archive.config(), file, budget);
            budget.disarm();
            ModelWeights.restore(model, archive.weights().tensors(), file);
            ModelConfig.compile(model, archive.config(), file);
            if (model.isCompiled() && model.isBuilt() && archive.optimizer() != null) {
                ModelWeights.restoreOptimizerState(model, model.optimizer(), archive.optimizer(), file);
            }
            return model;
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + describe(e), e);
        }
    }

    static List<String> loadWeights(Network model, Path path, boolean byName) throws IOException {
        return loadWeights(model, path, null, byName);
    }

    static List<String> loadWeights(Network model, Path path, FileKey key, boolean byName) throws IOException {
        model.requireBuilt(byName ? "loadWeightsByName" : "loadWeights");
        Archive archive = read(path, key);
        String file = path.toString();
        List<String> layers = ModelConfig.layerNames(archive.config(), file);
        return ModelWeights.transfer(model, layers, archive.weights().tensors(), byName, file);
    }
}
