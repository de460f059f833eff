package org.neurite.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.neurite.models.Model;
import org.neurite.models.Replica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code checkpointEvery(steps, path)}: the model file (weights, optimizer and its state) after
 * every {@code steps} driver steps, in a folder on any Hadoop file system, named by the number
 * of steps done ({@code step-000000000040.neurite}). A file is written under a temporary name and
 * renamed, so a crash leaves the last complete checkpoint; older ones are then deleted.
 */
final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final String PREFIX = "step-";
    private static final String SUFFIX = ".neurite";

    private final Path folder;
    private final int every;
    private final FileSystem fs;

    Checkpoints(String folder, int every, Configuration conf) {
        this.folder = new Path(folder);
        this.every = every;
        try {
            this.fs = this.folder.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: no file system for checkpoint folder " + folder, e);
        }
    }

    /**
     * Puts the newest checkpoint's weights and optimizer state into {@code model}; returns the
     * driver steps it had done, or 0 when the folder holds none.
     */
    long restoreLatest(Model model) {
        try {
            if (!fs.exists(folder)) {
                return 0;
            }
            long best = -1;
            for (FileStatus f : fs.listStatus(folder)) {
                best = Math.max(best, stepsOf(f.getPath().getName()));
            }
            if (best < 0) {
                return 0;
            }
            Path file = fileFor(best);
            byte[] bytes;
            try (InputStream in = fs.open(file)) {
                bytes = in.readAllBytes();
            }
            Model saved = ModelBytes.load(bytes, "checkpoint " + file);
            model.setWeights(saved.getWeights());
            Replica from = Replica.of(saved);
            Replica.of(model).loadOptimizerState(from.optimizerState(), from.optimizerIterations());
            LOG.info("SparkTrainer: resumed '{}' from {} ({} steps done)", model.name(), file, best);
            return best;
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: cannot read checkpoints in " + folder, e);
        }
    }

    /** Writes a checkpoint when {@code stepsDone} is a multiple of the interval. */
    void afterStep(Model model, long stepsDone) {
        if (stepsDone % every != 0) {
            return;
        }
        Path file = fileFor(stepsDone);
        Path temporary = new Path(folder, "." + file.getName() + ".tmp");
        try {
            fs.mkdirs(folder);
            try (OutputStream out = fs.create(temporary, true)) {
                out.write(ModelBytes.of(model));
            }
            if (!fs.rename(temporary, file)) {
                throw new IOException("rename of " + temporary + " to " + file + " failed");
            }
            for (FileStatus f : fs.listStatus(folder)) {
                long steps = stepsOf(f.getPath().getName());
                if (steps >= 0 && steps < stepsDone) {
                    fs.delete(f.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("SparkTrainer: cannot write checkpoint " + file, e);
        }
    }

    private Path fileFor(long steps) {
        return new Path(folder, String.format("%s%012d%s", PREFIX, steps, SUFFIX));
    }

    private static long stepsOf(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
