package org.neurite.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neurite.io.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the model at the end of each epoch, as Keras's {@code ModelCheckpoint}: every epoch by
 * default, or with {@link #saveBestOnly} only when the monitored value (default "val_loss", mode
 * "auto") improves. A path containing {@code {epoch}} (1-based, or zero-padded as
 * {@code {epoch:03d}}) keeps one file per epoch; otherwise the file is replaced, atomically.
 *
 * <pre>{@code
 * model.fit(train, Fit.epochs(20).validationSplit(0.1)
 *         .callbacks(new ModelCheckpoint(Path.of("ckpt/epoch-{epoch:02d}.neurite"))));
 * }</pre>
 *
 * The saved files hold the optimizer state, so training resumes with
 * {@code Sequential.load(file).fit(data, Fit.epochs(20).initialEpoch(epochsDone))}. A save that
 * fails stops {@code fit} with an {@link UncheckedIOException}; the previous file is kept.
 */
public final class ModelCheckpoint extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);
    private static final Pattern EPOCH = Pattern.compile("\\{epoch(?::0?(\\d{1,2})d)?}");

    private final String path;
    private String monitorKey = "val_loss";
    private String mode = "auto";
    private boolean saveBestOnly;
    private Monitor monitor;
    private double best;
    private Path lastSaved;
    private FileKey key;

    /** Saves to {@code path} after every epoch. */
    public ModelCheckpoint(Path path) {
        this.path = path.toString();
    }

    /** The logged value that decides the best epoch (default "val_loss"). */
    public ModelCheckpoint monitor(String key) {
        this.monitorKey = key;
        return this;
    }

    /** "auto" (the default), "min" or "max": whether lower or higher monitored values are better. */
    public ModelCheckpoint mode(String value) {
        new Monitor(monitorKey, value, 0);
        this.mode = value;
        return this;
    }

    /** Saves only when the monitored value beats every earlier epoch (default false: every epoch). */
    public ModelCheckpoint saveBestOnly(boolean value) {
        this.saveBestOnly = value;
        return this;
    }

    /**
     * Encrypts every checkpoint with {@code key} (AES-256-GCM, as {@code model.save(path, key)});
     * load them with {@code Sequential.load(file, key)}. Null writes plain files again.
     */
    public ModelCheckpoint encryptWith(FileKey key) {
        this.key = key;
        return this;
    }

    /** The file written last, or null before the first save. */
    public Path lastSaved() {
        return lastSaved;
    }

    /** The file for epoch {@code epoch} (0-based): {@code {epoch}} in the path becomes {@code epoch + 1}. */
    public Path pathFor(int epoch) {
        Matcher m = EPOCH.matcher(path);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String number = m.group(1) == null ? String.valueOf(epoch + 1)
                    : String.format("%0" + m.group(1) + "d", epoch + 1);
            m.appendReplacement(sb, number);
        }
        m.appendTail(sb);
        return Path.of(sb.toString());
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        monitor = new Monitor(monitorKey, mode, 0);
        best = monitor.initial();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = logs.get(monitorKey);
            if (current == null) {
                LOG.warn("ModelCheckpoint: '{}' is not among the logged values {}; epoch {} not saved", monitorKey,
                        logs.keySet(), epoch + 1);
                return;
            }
            if (!monitor.improved(current, best)) {
                return;
            }
            best = current;
        }
        Path file = pathFor(epoch);
        try {
            if (key == null) {
                model().save(file);
            } else {
                model().save(file, key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: saving epoch " + (epoch + 1) + " to " + file
                    + " failed: " + e.getMessage(), e);
        }
        lastSaved = file;
        LOG.debug("ModelCheckpoint: epoch {} saved to {}", epoch + 1, file);
    }
}
