package org.neurite.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.data.DataFixtures.NAN;
import static org.neurite.data.DataFixtures.ids;
import static org.neurite.data.DataFixtures.rows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;

/** ClassWeights, Standardizer, MinMaxScaler and OneHot against numbers worked out by hand. */
class PreprocessingTest {
    @Test
    void balancedClassWeightsFollowTheKerasFormula() {
        // 6 + 3 + 1 examples in 3 classes: 10 / (3 * count)
        INDArray labels = ids(0, 0, 1, 0, 2, 1, 0, 0, 1, 0);
        Map<Integer, Double> expected = Map.of(0, 10 / 18.0, 1, 10 / 9.0, 2, 10 / 3.0);
        for (INDArray form : List.of(labels, labels.reshape(10, 1), OneHot.encode(labels, 3))) {
            Map<Integer, Double> weights = ClassWeights.balanced(Dataset.of(Nd4j.zeros(DataType.FLOAT, 10, 1), form));
            assertEquals(List.of(0, 1, 2), List.copyOf(weights.keySet()));
            expected.forEach((id, w) -> assertEquals(w, weights.get(id), 1e-12));
        }
        // classes that do not occur get no weight and do not count in k: 4 + 1 examples
        Map<Integer, Double> sparse = ClassWeights.balanced(ids(3, 3, 7, 3, 3));
        assertEquals(Map.of(3, 5 / 8.0, 7, 5 / 2.0), sparse);
    }

    @Test
    void classWeightsNeedClassLabels() {
        Dataset regression = Dataset.of(Nd4j.zeros(DataType.FLOAT, 2, 1), ids(0.5f, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(regression));
        assertTrue(e.getMessage().contains("0.5") && e.getMessage().contains("example 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced(Dataset.of(Nd4j.zeros(DataType.FLOAT, 2, 1), null)));
    }

    @Test
    void standardizerFittedOnTrainIsAppliedToTest() {
        Dataset train = Dataset.of(rows(new float[] {1, 10}, new float[] {3, 10}, new float[] {5, 10}), ids(0, 1, 0));
        Standardizer standardizer = Standardizer.fit(train);
        double sd = Math.sqrt(8 / 3.0);
        assertArrayEquals(new double[] {3, 10}, standardizer.mean(), 1e-6);
        assertArrayEquals(new double[] {sd, 0}, standardizer.std(), 1e-6);
        Dataset test = standardizer.transform(Dataset.of(rows(new float[] {3, 12}, new float[] {7, 10}), ids(1, 1)));
        // column 1 is constant in train: shifted, not scaled
        assertArrayEquals(new float[] {0, 2, (float) (4 / sd), 0}, test.features().reshape(4).toFloatVector(), 1e-5f);
        assertEquals(ids(1, 1), test.labels());
        INDArray back = standardizer.inverseTransform(test.features());
        assertArrayEquals(new float[] {3, 12, 7, 10}, back.reshape(4).toFloatVector(), 1e-5f);
        float[] trainStd = standardizer.transform(train.features()).getColumn(0).toFloatVector();
        assertArrayEquals(new float[] {(float) (-2 / sd), 0, (float) (2 / sd)}, trainStd, 1e-5f);
    }

    @Test
    void standardizerUsesOneStatisticPerChannelOfImages() {
        // two 1x2 images with 2 channels: channel 0 holds 0, 2, 4, 6; channel 1 holds 1, 1, 1, 1
        INDArray images = Nd4j.createFromArray(new float[] {0, 1, 2, 1, 4, 1, 6, 1}).reshape(2, 1, 2, 2);
        Standardizer standardizer = Standardizer.fit(images);
        assertArrayEquals(new double[] {3, 1}, standardizer.mean(), 1e-6);
        assertArrayEquals(new double[] {Math.sqrt(5), 0}, standardizer.std(), 1e-6);
        INDArray out = standardizer.transform(images);
        assertArrayEquals(images.shape(), out.shape());
        assertEquals(-3 / Math.sqrt(5), out.getDouble(0, 0, 0, 0), 1e-5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> standardizer.transform(Nd4j.zeros(DataType.FLOAT, 2, 3)));
        assertTrue(e.getMessage().contains("2 channel(s)") && e.getMessage().contains("got 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(rows(new float[] {1}, new float[] {NAN})));
    }

    @Test
    void minMaxScalerFittedOnTrainIsAppliedToTest() {
        INDArray train = rows(new float[] {0, 5}, new float[] {10, 5}, new float[] {5, 15});
        MinMaxScaler scaler = MinMaxScaler.fit(train);
        assertArrayEquals(new double[] {0, 5}, scaler.min(), 0);
        assertArrayEquals(new double[] {10, 15}, scaler.max(), 0);
        INDArray test = scaler.transform(rows(new float[] {5, 10}, new float[] {20, 5}));
        assertArrayEquals(new float[] {0.5f, 0.5f, 2f, 0f}, test.reshape(4).toFloatVector(), 1e-6f);
        MinMaxScaler symmetric = MinMaxScaler.fit(train, -1, 1);
        assertArrayEquals(new float[] {0, 0, 3, -1},
                symmetric.transform(rows(new float[] {5, 10}, new float[] {20, 5})).reshape(4).toFloatVector(), 1e-6f);
        MinMaxScaler constant = MinMaxScaler.fit(rows(new float[] {4}, new float[] {4}), 2, 3);
        assertEquals(2, constant.transform(rows(new float[] {4})).getDouble(0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fit(train, 1, 1));
    }

    @Test
    void oneHotEncodesIdsAndNamesBadOnes() {
        INDArray encoded = OneHot.encode(ids(2, 0, 1), 3);
        assertEquals(DataType.FLOAT, encoded.dataType());
        assertEquals(rows(new float[] {0, 0, 1}, new float[] {1, 0, 0}, new float[] {0, 1, 0}), encoded);
        assertEquals(encoded, OneHot.encode(ids(2, 0, 1).reshape(3, 1), 3));
        assertEquals(ids(2, 0, 1), OneHot.decode(encoded));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(ids(0, 7, 1.5f, -1), 3));
        assertTrue(e.getMessage().contains("0..2") && e.getMessage().contains("7.0 at row 1")
                && e.getMessage().contains("1.5 at row 2") && e.getMessage().contains("-1.0 at row 3")
                && e.getMessage().contains("3 bad of 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(Nd4j.zeros(DataType.FLOAT, 2, 2), 3));
    }
}
