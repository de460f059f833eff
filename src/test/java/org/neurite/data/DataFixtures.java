package org.neurite.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small arrays and files the data tests of several packages build their cases from. */
public final class DataFixtures {
    public static final float NAN = Float.NaN;
    public static final float INF = Float.POSITIVE_INFINITY;

    private DataFixtures() {
    }

    /** A FLOAT {@code [n, d]} matrix from its rows. */
    public static INDArray rows(float[]... rows) {
        return Nd4j.createFromArray(rows);
    }

    /** FLOAT class ids {@code [n]}. */
    public static INDArray ids(float... ids) {
        return Nd4j.createFromArray(ids);
    }

    /** {@code content} gzip-compressed. */
    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
