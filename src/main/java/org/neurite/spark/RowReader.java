package org.neurite.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one row of a Spark frame as an {@link Example}: the features column ({@code array<float>},
 * {@code array<double>} or an ML {@code Vector}) and the label column (a number, an array or a
 * Vector), refusing nulls, NaNs, infinities and wrong lengths with a message naming the column.
 */
record RowReader(int featuresIndex, int labelIndex, String features, String label, long[] inputShape,
                 long[] labelShape) implements Serializable {

    /** A reader of the named columns of {@code schema}; fails listing the columns when one is missing. */
    static RowReader of(StructType schema, String features, String label, long[] inputShape, long[] labelShape) {
        return new RowReader(index(schema, features, "features"), index(schema, label, "label"), features, label,
                inputShape, labelShape);
    }

    private static int index(StructType schema, String name, String role) {
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(name)) {
            throw new IllegalArgumentException("SparkTrainer: the frame has no " + role + " column '" + name
                    + "'; its columns are " + names + " (set the name with " + role + "Column(...))");
        }
        return names.indexOf(name);
    }

    /** @throws IllegalArgumentException naming the column and what is wrong with it */
    Example read(Row row) {
        return new Example(values(row, featuresIndex, features, inputShape), values(row, labelIndex, label, labelShape));
    }

    private static float[] values(Row row, int index, String column, long[] shape) {
        Object value = row.get(index);
        float[] out;
        if (value == null) {
            throw new IllegalArgumentException("column '" + column + "' is null");
        } else if (value instanceof Number number) {
            out = new float[]{number.floatValue()};
        } else if (value instanceof Vector vector) {
            out = toFloats(vector.toArray());
        } else if (value instanceof scala.collection.Seq<?>) {
            List<Object> list = row.getList(index);
            out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number number)) {
                    throw new IllegalArgumentException("column '" + column + "'[" + i + "] is "
                            + (list.get(i) == null ? "null" : "not a number: " + list.get(i)));
                }
                out[i] = number.floatValue();
            }
        } else {
            throw new IllegalArgumentException("column '" + column + "' holds " + value.getClass().getSimpleName()
                    + "; expected array<float>, array<double>, an ML Vector or a number");
        }
        check(out, column, shape);
        return out;
    }

    /** @throws IllegalArgumentException for a wrong length, NaN or infinity, naming the column */
    static void check(float[] values, String column, long[] shape) {
        long expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (values.length != expected) {
            throw new IllegalArgumentException("column '" + column + "' has " + values.length + " values; the model needs "
                    + expected + " (shape " + Arrays.toString(shape) + ")");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("column '" + column + "'[" + i + "] is " + values[i]);
            }
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
