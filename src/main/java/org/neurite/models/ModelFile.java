package org.neurite.models;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.neurite.io.Json;
import org.neurite.io.SafeTensors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model file: a zip archive of {@code config.json} ({@link ModelConfig}),
 * {@code model.weights.safetensors} and, for a compiled model, {@code optimizer.safetensors}
 * ({@link ModelWeights}). Saving writes a temporary file in the target's folder, forces it to disk
 * and moves it over the target atomically, so a failed save leaves the previous file as it was.
 * Loading turns every problem with the file into an {@link IOException} that names it.
 */
final class ModelFile {
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);
    private static final long MAX_CONFIG = 64L << 20;
    private static final long MAX_TENSORS = Integer.MAX_VALUE - 8;
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    /** What a model file holds; {@code optimizer} is null when the model was saved uncompiled. */
    record Archive(Map<String, Object> config, SafeTensors.Content weights, SafeTensors.Content optimizer) {
    }

    private ModelFile() {
    }

    static void save(Model model, Path path) throws IOException {
        save(model, path, UnaryOperator.identity());
    }

    /** Saves through {@code wrap}, which tests use to make the disk fail part way. */
    static void save(Model model, Path path, UnaryOperator<OutputStream> wrap) throws IOException {
        Map<String, Object> config = ModelConfig.of(model);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, Json.writePretty(config).getBytes(StandardCharsets.UTF_8));
        entries.put(WEIGHTS, SafeTensors.toBytes(ModelWeights.of(model), Map.of("format", ModelConfig.FORMAT)));
        if (config.get("compile_config") != null) {
            entries.put(OPTIMIZER, SafeTensors.toBytes(model.isBuilt() ? ModelWeights.optimizerState(model) : Map.of(),
                    Map.of(ModelWeights.ITERATIONS, String.valueOf(model.optimizer().iterations()))));
        }
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = wrap.apply(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                ZipOutputStream zip = new ZipOutputStream(out);
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    put(zip, e.getKey(), e.getValue(), !e.getKey().equals(CONFIG));
                }
                zip.finish();
                zip.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
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

    /** Reads and checks the entries of a model file (format and version included). */
    static Archive read(Path path) throws IOException {
        String file = path.toString();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            byte[] configBytes = entry(zip, CONFIG, MAX_CONFIG, file);
            if (configBytes == null) {
                throw new IOException(file + ": not a Neurite model file: the archive has no " + CONFIG);
            }
            Map<String, Object> config;
            try {
                config = Json.parseObject(new String(configBytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + CONFIG + ": " + e.getMessage(), e);
            }
            ModelConfig.checkFormat(config, file);
            byte[] weights = entry(zip, WEIGHTS, MAX_TENSORS, file);
            byte[] optimizer = entry(zip, OPTIMIZER, MAX_TENSORS, file);
            return new Archive(config,
                    weights == null ? new SafeTensors.Content(Map.of(), Map.of())
                            : SafeTensors.fromBytes(weights, file + "!/" + WEIGHTS),
                    optimizer == null ? null : SafeTensors.fromBytes(optimizer, file + "!/" + OPTIMIZER));
        } catch (ZipException e) {
            throw new IOException(file + ": not a Neurite model file, or a damaged one (expected a zip archive): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file)) {
                throw e;
            }
            throw new IOException(file + ": cannot be read: " + e, e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot be read: " + e, e);
        }
    }

    /** The bytes of entry {@code name}, or null without one; never more than {@code max} bytes are read. */
    private static byte[] entry(ZipFile zip, String name, long max, String file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        long declared = entry.getSize();
        if (declared > max) {
            throw new IOException(file + ": entry " + name + " declares " + declared + " bytes, more than the "
                    + max + " this reader accepts");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) (declared >= 0 ? declared : max));
            if (in.read() != -1 || declared >= 0 && bytes.length != declared) {
                throw new IOException(file + ": entry " + name + " declares " + declared + " bytes but holds "
                        + (bytes.length == declared ? "more" : String.valueOf(bytes.length)));
            }
            return bytes;
        }
    }

    static Model load(Path path) throws IOException {
        Archive archive = read(path);
        String file = path.toString();
        try {
            WeightBudget budget = new WeightBudget(archive.weights().tensors());
            Model model = ModelConfig.model(archive.config(), file, budget);
            budget.disarm();
            ModelWeights.restore(model, archive.weights().tensors(), file);
            ModelConfig.compile(model, archive.config(), file);
            if (model.isCompiled() && model.isBuilt() && archive.optimizer() != null) {
                ModelWeights.restoreOptimizerState(model, archive.optimizer(), file);
            }
            return model;
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static List<String> loadWeights(Model model, Path path, boolean byName) throws IOException {
        model.requireBuilt(byName ? "loadWeightsByName" : "loadWeights");
        Archive archive = read(path);
        String file = path.toString();
        List<String> layers = ModelConfig.layerNames(archive.config(), file);
        return ModelWeights.transfer(model, layers, archive.weights().tensors(), byName, file);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {} (not supported on every platform): {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary file {}: {}", temp, e.toString());
        }
    }
}
