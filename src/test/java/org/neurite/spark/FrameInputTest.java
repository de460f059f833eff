package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Dataset;
import org.neurite.models.Model;

/** Frames with array<float>, array<double> or ML Vector features; bad rows refused before training. */
class FrameInputTest {
    private static final Dataset DATA = SyncEquivalenceTest.data(150, new long[]{6}, 3);

    @Test
    void floatArrayFeaturesTrainAsFitDoes() {
        assertFrameTrainsAsFit(DataTypes.createArrayType(DataTypes.FloatType), FrameInputTest::floats);
    }

    @Test
    void doubleArrayFeaturesTrainAsFitDoes() {
        assertFrameTrainsAsFit(DataTypes.createArrayType(DataTypes.DoubleType), FrameInputTest::doubles);
    }

    @Test
    void mlVectorFeaturesTrainAsFitDoes() {
        assertFrameTrainsAsFit(SQLDataTypes.VectorType(), row -> Vectors.dense(toDoubles(row)));
    }

    @Test
    void aRowOfTheWrongLengthIsNamedByPartitionAndIndexBeforeTraining() {
        List<Row> rows = rows(10, FrameInputTest::floats);
        rows.set(7, RowFactory.create(new float[]{1, 2}, 1.0));   // partition 1 (rows 5-9), index 2
        assertBadRow(rows, "row 2 of partition 1", "column 'features' has 2 values; the model needs 6");
    }

    @Test
    void aNullOrNanValueIsNamedByPartitionAndIndex() {
        List<Row> rows = rows(10, FrameInputTest::floats);
        rows.set(3, RowFactory.create(floats(DATA.features().getRow(3)), null));
        assertBadRow(rows, "row 3 of partition 0", "column 'label' is null");
        List<Row> nan = rows(10, FrameInputTest::floats);
        float[] values = floats(DATA.features().getRow(9));
        values[4] = Float.NaN;
        nan.set(9, RowFactory.create(values, 0.0));
        assertBadRow(nan, "row 4 of partition 1", "column 'features'[4] is NaN");
    }

    @Test
    void aMissingColumnIsNamedWithTheFramesColumns() {
        SparkTrainer trainer = new SparkTrainer(LocalSpark.session()).workers(2).labelColumn("target");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(
                SyncEquivalenceTest.dense("sgd"), frame(rows(10, FrameInputTest::floats),
                        DataTypes.createArrayType(DataTypes.FloatType)), SyncEquivalenceTest.fit()));
        assertTrue(e.getMessage().contains("no label column 'target'; its columns are [features, label]"), e.getMessage());
    }

    private static void assertFrameTrainsAsFit(DataType featureType, Function<INDArray, Object> features) {
        Model single = SyncEquivalenceTest.dense("adam");
        Model distributed = SyncEquivalenceTest.copy(single);
        single.fit(DATA, SyncEquivalenceTest.fit());
        new SparkTrainer(LocalSpark.session()).workers(2)
                .fit(distributed, frame(rows(150, features), featureType), SyncEquivalenceTest.fit());
        SyncEquivalenceTest.assertWeightsClose(single, distributed, 1e-5);
    }

    private static void assertBadRow(List<Row> rows, String where, String what) {
        Model model = SyncEquivalenceTest.dense("sgd");
        List<INDArray> before = model.getWeights();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new SparkTrainer(LocalSpark.session()).workers(2).fit(model,
                        frame(rows, DataTypes.createArrayType(DataTypes.FloatType)), SyncEquivalenceTest.fit()));
        assertTrue(e.getMessage().contains(where + ": " + what), e.getMessage());
        List<INDArray> after = model.getWeights();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "nothing was trained");
        }
    }

    /** The first {@code n} examples of DATA as rows, in order; two partitions split them in halves. */
    private static List<Row> rows(int n, Function<INDArray, Object> features) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RowFactory.create(features.apply(DATA.features().getRow(i)), DATA.labels().getDouble(i)));
        }
        return out;
    }

    private static org.apache.spark.sql.Dataset<Row> frame(List<Row> rows, DataType featureType) {
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("features", featureType, true).add("label", DataTypes.DoubleType, true);
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
    }

    private static float[] floats(INDArray row) {
        return row.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
    }

    private static double[] doubles(INDArray row) {
        return toDoubles(row);
    }

    private static double[] toDoubles(INDArray row) {
        return row.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }
}
