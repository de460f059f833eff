package org.neurite.data.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Batch;
import org.neurite.data.BatchSource;
import org.neurite.data.Rows;

/**
 * A CSV file with a header read in batches of {@code batchSize} rows, for files larger than memory
 * ({@link Csv#stream}): each epoch reads the file once, in order, holding one batch's rows at a
 * time. The columns are encoded as {@link Csv#load(Path, String)} encodes them, with a schema
 * given or inferred from the first rows: features FLOAT {@code [b, featureNames().size()]}, labels
 * FLOAT {@code [b, 1]}.
 *
 * <p>A schema inferred from the first rows only knows the categories seen there: a later unseen
 * category or class is an error naming the file, line and column (give a schema to avoid it). Text
 * cells in a numeric column become missing values (NaN) as in {@link Csv#loadWithSchema(Path, String)}:
 * {@link #missingCellCount()} counts them and {@link #missingCells()} lists the first ones.
 */
public final class CsvStream implements BatchSource {
    /** Missing cells listed in {@link #missingCells()}; the rest are only counted, so memory stays constant. */
    static final int LISTED_MISSING = 20;

    private final Path file;
    private final CsvSchema schema;
    private final String labelColumn;
    private final int batchSize;
    private final List<String> warnings;
    private final List<Csv.MissingCell> firstMissing = new ArrayList<>();
    private final AtomicLong missingCount = new AtomicLong();

    CsvStream(Path file, CsvSchema schema, String labelColumn, int batchSize, List<String> warnings) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(file + ": batch size must be at least 1, got " + batchSize);
        }
        if (!schema.columns().contains(labelColumn)) {
            throw new IllegalArgumentException(file + ": no column \"" + labelColumn + "\" in the schema "
                    + schema.columns());
        }
        if (schema.featureNames(labelColumn).isEmpty()) {
            throw new IllegalArgumentException(file + ": a labelled dataset needs a column besides the label \""
                    + labelColumn + "\", found the columns " + schema.columns());
        }
        this.file = file;
        this.schema = schema;
        this.labelColumn = labelColumn;
        this.batchSize = batchSize;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * What schema inference did that changes the data (a column read as categories, text cells of a
     * numeric column read as missing), as sentences; empty for a given schema.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** How each column is encoded; pass it to {@link Csv#stream(Path, String, CsvSchema, int)} for other files. */
    public CsvSchema schema() {
        return schema;
    }

    /** The name of each feature column, in order. */
    public List<String> featureNames() {
        return schema.featureNames(labelColumn);
    }

    /** The first {@value #LISTED_MISSING} non-number cells of numeric columns met so far, over all epochs. */
    public synchronized List<Csv.MissingCell> missingCells() {
        return List.copyOf(firstMissing);
    }

    /** How many non-number cells of numeric columns were read as missing values (NaN) so far, over all epochs. */
    public long missingCellCount() {
        return missingCount.get();
    }

    @Override
    public Iterator<Batch> epoch(int epoch) {
        try {
            return new Reader();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void noteMissing(List<Csv.MissingCell> cells) {
        missingCount.addAndGet(cells.size());
        for (int i = 0; i < cells.size() && firstMissing.size() < LISTED_MISSING; i++) {
            firstMissing.add(cells.get(i));
        }
    }

    @Override
    public String toString() {
        return "CsvStream[" + file + ", label \"" + labelColumn + "\", batches of " + batchSize + "]";
    }

    /** One pass over the file; the records are read only as batches are asked for. */
    private final class Reader implements Iterator<Batch>, AutoCloseable {
        private final CsvRecords records;
        private final CsvEncoder encoder;
        private final int firstLine;
        private CsvRecords.Record next;

        Reader() throws IOException {
            CsvRecords.Source source = CsvRecords.Source.of(file);
            this.encoder = CsvEncoder.of(source, schema, labelColumn, true);
            this.records = CsvRecords.open(file);
            try {
                CsvRecords.Record header = records.next();
                if (header == null) {
                    throw new IOException(file + ": empty file, expected a header and data rows");
                }
                if (!header.cells().equals(encoder.names())) {
                    throw new IOException(file + ":" + header.line() + ": expected the columns " + encoder.names()
                            + " of the schema, found " + header.cells());
                }
                this.firstLine = header.line();
                this.next = records.next();
            } catch (IOException | RuntimeException e) {
                records.close();
                throw e;
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Batch next() {
            if (next == null) {
                throw new NoSuchElementException(file + ": no more rows");
            }
            int width = encoder.width();
            float[] features = new float[batchSize * width];
            float[] labels = new float[batchSize];
            int rows = 0;
            try {
                for (; rows < batchSize && next != null; rows++, next = records.next()) {
                    CsvRecords.checkWidth(file, next, encoder.names().size(), firstLine);
                    encoder.row(next, features, labels, rows);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            noteMissing(encoder.takeMissing());
            int n = rows;
            float[] x = n == batchSize ? features : Arrays.copyOf(features, n * width);
            float[] y = n == batchSize ? labels : Arrays.copyOf(labels, n);
            INDArray xs = Rows.detached(() -> Nd4j.createFromArray(x).reshape(n, width));
            INDArray ys = Rows.detached(() -> Nd4j.createFromArray(y).reshape(n, 1));
            return new Batch(xs, ys);
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
