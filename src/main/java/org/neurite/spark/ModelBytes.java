package org.neurite.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.neurite.models.Model;

/**
 * A model (config, weights, optimizer and its state) as the bytes of Neurite's own model file
 * (docs/saving.md): how the model travels to the executors and into checkpoints.
 */
final class ModelBytes {
    private ModelBytes() {
    }

    static byte[] of(Model model) {
        Path file = null;
        try {
            file = Files.createTempFile("neurite-spark", ".neurite");
            model.save(file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: cannot write model '" + model.name() + "' to ship it", e);
        } finally {
            delete(file);
        }
    }

    static Model load(byte[] bytes, String what) {
        Path file = null;
        try {
            file = Files.createTempFile("neurite-spark", ".neurite");
            Files.write(file, bytes);
            return Model.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: cannot read the model file of " + what, e);
        } finally {
            delete(file);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its folder
            }
        }
    }
}
