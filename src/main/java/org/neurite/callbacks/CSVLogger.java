package org.neurite.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes one CSV row per epoch ({@code epoch,loss,...}), as Keras's {@code CSVLogger}. */
public final class CSVLogger extends Callback {
    private final Path file;
    private final String separator;
    private final boolean append;
    private List<String> keys;
    private BufferedWriter writer;

    public CSVLogger(Path file) {
        this(file, ",", false);
    }

    public CSVLogger(Path file, String separator, boolean append) {
        this.file = file;
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            boolean writeHeader = !append || !Files.exists(file) || Files.size(file) == 0;
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            keys = writeHeader ? null : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + file, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null || keys.isEmpty()) {
                boolean header = keys == null;
                keys = new ArrayList<>(logs.keySet());
                if (header) {
                    writer.write("epoch" + separator + String.join(separator, keys));
                    writer.newLine();
                }
            }
            StringBuilder row = new StringBuilder(String.valueOf(epoch));
            for (String k : keys) {
                Double v = logs.get(k);
                row.append(separator).append(v == null ? "" : String.format(Locale.ROOT, "%s", v));
            }
            writer.write(row.toString());
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + file, e);
        }
    }
}
