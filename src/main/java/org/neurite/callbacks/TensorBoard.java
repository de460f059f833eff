package org.neurite.callbacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.neurite.callbacks.EventFileWriter.Proto;
import org.neurite.layers.Layer;
import org.neurite.layers.Weight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes TensorBoard event files, as Keras's {@code TensorBoard} callback: the training scalars go
 * to {@code logDir/train}, the validation ones to {@code logDir/validation}, each in an
 * {@code events.out.tfevents.<seconds>.<hostname>} file. View them with {@code tensorboard --logdir logDir}.
 *
 * <p>Tags follow Keras: at each epoch end (step = the epoch, from 0) {@code "epoch_" + key} for
 * every log key, with {@code val_} keys written to the validation run without their prefix
 * ({@code val_loss} becomes {@code epoch_loss} there). With {@link #updateFreq(String) updateFreq("batch")}
 * (or a number of batches) the running batch values are also written to the train run as
 * {@code "batch_" + key} at the global batch number (counted from 1 over the whole fit, as Keras).
 * {@link #histogramFreq(int) histogramFreq(n)} writes a histogram of every weight
 * ({@code "<layer>/<weight>"}) every n epochs; {@link #writeGraph(boolean) writeGraph} (on by default)
 * writes the model's summary table as a text summary ({@code "model_summary"}, Text tab) at step 0.
 *
 * <p>The files are flushed after each epoch and closed at the end of training. A failure to write
 * (a full disk, a read-only directory) does not stop training: it is logged once as a warning
 * through SLF4J and that run's file is no longer written.
 */
public final class TensorBoard extends Callback {
    private static final Logger LOG = LoggerFactory.getLogger(TensorBoard.class);
    private static final int HISTOGRAM_BUCKETS = 30;

    private final Path logDir;
    private int updateFreq;   // 0: per epoch only; n: also every n batches
    private int histogramFreq;
    private boolean writeGraph = true;

    private EventFileWriter train;
    private EventFileWriter validation;
    private boolean trainFailed;
    private boolean validationFailed;
    private long globalBatch;

    public TensorBoard(Path logDir) {
        if (logDir == null) {
            throw new IllegalArgumentException("TensorBoard: logDir is null");
        }
        this.logDir = logDir;
    }

    /** {@code "epoch"} (the default) or {@code "batch"}: also write the running values after every batch. */
    public TensorBoard updateFreq(String freq) {
        switch (freq) {
            case "epoch" -> updateFreq = 0;
            case "batch" -> updateFreq = 1;
            default -> throw new IllegalArgumentException(
                    "TensorBoard.updateFreq: expected \"epoch\", \"batch\" or a number of batches but got \"" + freq + "\"");
        }
        return this;
    }

    /** Also writes the running values every {@code batches} batches (as Keras's integer {@code update_freq}). */
    public TensorBoard updateFreq(int batches) {
        if (batches < 1) {
            throw new IllegalArgumentException("TensorBoard.updateFreq: batches must be >= 1 but got " + batches);
        }
        updateFreq = batches;
        return this;
    }

    /** Writes weight histograms every {@code epochs} epochs (0, the default: never). */
    public TensorBoard histogramFreq(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("TensorBoard.histogramFreq: must be >= 0 but got " + epochs);
        }
        histogramFreq = epochs;
        return this;
    }

    /** Whether to write the model summary as text at the start (default true). */
    public TensorBoard writeGraph(boolean write) {
        writeGraph = write;
        return this;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        close();
        trainFailed = false;
        validationFailed = false;
        globalBatch = 0;
        try {
            train = new EventFileWriter(logDir.resolve("train"));
        } catch (IOException | RuntimeException e) {
            trainFailed = true;
            LOG.warn("TensorBoard: cannot create an event file under {}; training goes on without it: {}",
                    logDir.resolve("train"), e.toString());
            return;
        }
        if (writeGraph && model() != null) {
            try {
                String table = model().summary();
                // indented four spaces: a Markdown code block, so the text plugin keeps the columns
                String text = "    " + table.replace("\n", "\n    ");
                write(true, 0, new Proto().message(1, textValue("model_summary", text)));
            } catch (RuntimeException e) {
                LOG.warn("TensorBoard: cannot describe the model: {}", e.toString());
            }
        }
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        globalBatch++;
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        if (updateFreq > 0 && globalBatch % updateFreq == 0) {
            Proto summary = new Proto();
            int n = 0;
            for (Map.Entry<String, Double> e : logs.entrySet()) {
                if (e.getValue() != null && !e.getKey().startsWith("val_")) {
                    summary.message(1, scalarValue("batch_" + e.getKey(), e.getValue()));
                    n++;
                }
            }
            if (n > 0) {
                write(true, globalBatch, summary);
            }
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Proto trainSummary = new Proto();
        Proto valSummary = new Proto();
        int trainCount = 0;
        int valCount = 0;
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = e.getKey();
            if (key.startsWith("val_")) {
                valSummary.message(1, scalarValue("epoch_" + key.substring(4), e.getValue()));
                valCount++;
            } else {
                trainSummary.message(1, scalarValue("epoch_" + key, e.getValue()));
                trainCount++;
            }
        }
        if (trainCount > 0) {
            write(true, epoch, trainSummary);
        }
        if (valCount > 0) {
            write(false, epoch, valSummary);
        }
        if (histogramFreq > 0 && epoch % histogramFreq == 0 && model() != null) {
            writeHistograms(epoch);
        }
        flush();
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        close();
    }

    private void writeHistograms(int epoch) {
        Proto summary = new Proto();
        int n = 0;
        for (Layer layer : model().layers()) {
            for (Weight w : layer.weights()) {
                double[] values = w.value().dup('c').castTo(DataType.DOUBLE).data().asDouble();
                summary.message(1, new Proto().string(1, layer.name() + "/" + w.name()).message(5, histogram(values)));
                n++;
            }
        }
        if (n > 0) {
            write(true, epoch, summary);
        }
    }

    /**
     * A {@code HistogramProto} of {@link #HISTOGRAM_BUCKETS} equal-width buckets from min to max;
     * bucket i counts the values in (limit[i-1], limit[i]] (the first also holds min). Non-finite
     * values are left out.
     */
    static Proto histogram(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSquares = 0;
        long num = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                sumSquares += v * v;
                num++;
            }
        }
        if (num == 0) {
            min = 0;
            max = 0;
        }
        int buckets = max > min ? HISTOGRAM_BUCKETS : 1;
        double width = (max - min) / buckets;
        double[] limits = new double[buckets];
        double[] counts = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            limits[i] = i == buckets - 1 ? max : min + width * (i + 1);
        }
        for (double v : values) {
            if (Double.isFinite(v)) {
                int i = buckets == 1 ? 0 : (int) Math.ceil((v - min) / width) - 1;
                counts[Math.max(0, Math.min(buckets - 1, i))]++;
            }
        }
        return new Proto()
                .fixed64Double(1, min)
                .fixed64Double(2, max)
                .fixed64Double(3, num)
                .fixed64Double(4, sum)
                .fixed64Double(5, sumSquares)
                .packedDoubles(6, limits)
                .packedDoubles(7, counts);
    }

    /** {@code Summary.Value { tag = 1; simple_value = 2 (float) }}. */
    private static Proto scalarValue(String tag, double value) {
        return new Proto().string(1, tag).fixed32Float(2, (float) value);
    }

    /**
     * A text-plugin value: {@code Summary.Value { tag = 1; metadata = 9 { plugin_data = 1 { plugin_name = 1 "text" } };
     * tensor = 8 { dtype = 1 DT_STRING (7); tensor_shape = 2 (a scalar: empty); string_val = 8 } }}.
     */
    private static Proto textValue(String tag, String text) {
        Proto metadata = new Proto().message(1, new Proto().string(1, "text"));
        Proto tensor = new Proto().varint(1, 7).message(2, new Proto()).string(8, text);
        return new Proto().string(1, tag).message(9, metadata).message(8, tensor);
    }

    private void write(boolean toTrain, long step, Proto summary) {
        EventFileWriter w = writer(toTrain);
        if (w == null) {
            return;
        }
        try {
            w.writeSummary(step, summary.toByteArray());
        } catch (IOException | RuntimeException e) {
            fail(toTrain, "write to " + w.file(), e);
        }
    }

    private EventFileWriter writer(boolean toTrain) {
        if (toTrain) {
            return trainFailed ? null : train;
        }
        if (validation == null && !validationFailed) {   // created on the first validation values
            try {
                validation = new EventFileWriter(logDir.resolve("validation"));
            } catch (IOException | RuntimeException e) {
                fail(false, "create an event file under " + logDir.resolve("validation"), e);
            }
        }
        return validationFailed ? null : validation;
    }

    private void fail(boolean toTrain, String what, Exception e) {
        LOG.warn("TensorBoard: cannot {}; training goes on without it: {}", what, e.toString());
        if (toTrain) {
            trainFailed = true;
            closeQuietly(train);
            train = null;
        } else {
            validationFailed = true;
            closeQuietly(validation);
            validation = null;
        }
    }

    private void flush() {
        for (boolean toTrain : new boolean[]{true, false}) {
            EventFileWriter w = toTrain ? train : validation;
            if (w != null) {
                try {
                    w.flush();
                } catch (IOException e) {
                    fail(toTrain, "flush " + w.file(), e);
                }
            }
        }
    }

    private void close() {
        for (boolean toTrain : new boolean[]{true, false}) {
            EventFileWriter w = toTrain ? train : validation;
            if (w != null) {
                try {
                    w.close();
                } catch (IOException e) {
                    LOG.warn("TensorBoard: cannot close {}: {}", w.file(), e.toString());
                }
            }
        }
        train = null;
        validation = null;
    }

    private static void closeQuietly(EventFileWriter w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // already reported the failure that led here
            }
        }
    }
}
