package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;
import org.neurite.losses.Losses;
import org.neurite.optimizers.SGD;

/**
 * Fit.sampleWeight against a hand computation in double precision: one SGD step of a linear
 * model on mean squared error, whose weighted gradient is written out below (not Neurite's).
 */
class SampleWeightTest {
    private static final double[][] X = {{1, 2}, {0.5, -1}, {-2, 0.25}, {3, 1}, {-1, -1}, {2, -0.5}};
    private static final double[] Y = {1, -2, 0.5, 3, 0, 1.5};
    private static final double[] S = {1, 0, 2, 0.5, 3, 1};
    private static final double[] W0 = {0.3, -0.2};
    private static final double B0 = 0.1;
    private static final double LR = 0.05;

    private static Sequential linear() {
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile(new SGD(LR), Losses.meanSquaredError());
        model.setWeights(List.of(Nd4j.createFromArray(new float[][] {{(float) W0[0]}, {(float) W0[1]}}),
                Nd4j.createFromArray(new float[] {(float) B0})));
        return model;
    }

    private static INDArray x() {
        return Nd4j.createFromArray(X).castTo(DataType.FLOAT);
    }

    private static INDArray y() {
        return Nd4j.createFromArray(Y).castTo(DataType.FLOAT).reshape(Y.length, 1);
    }

    /** Loss sum(s_i e_i^2) / n and the step w -= lr * 2/n sum(s_i e_i x_i), b -= lr * 2/n sum(s_i e_i), over rows [0, n). */
    private static double[] byHand(double[] s, int n) {
        double loss = 0;
        double gw0 = 0;
        double gw1 = 0;
        double gb = 0;
        for (int i = 0; i < n; i++) {
            double e = W0[0] * X[i][0] + W0[1] * X[i][1] + B0 - Y[i];
            loss += s[i] * e * e;
            gw0 += s[i] * 2 * e * X[i][0];
            gw1 += s[i] * 2 * e * X[i][1];
            gb += s[i] * 2 * e;
        }
        return new double[] {loss / n, W0[0] - LR * gw0 / n, W0[1] - LR * gw1 / n, B0 - LR * gb / n};
    }

    private static void assertStep(double[] expected, Sequential model, History history) {
        assertEquals(expected[0], history.last("loss"), 1e-5, "weighted loss");
        INDArray w = model.getWeights().get(0);
        assertEquals(expected[1], w.getDouble(0, 0), 1e-5, "kernel[0]");
        assertEquals(expected[2], w.getDouble(1, 0), 1e-5, "kernel[1]");
        assertEquals(expected[3], model.getWeights().get(1).getDouble(0), 1e-5, "bias");
    }

    @Test
    void weightsEachExamplesLossAsKerasSampleWeight() {
        Sequential model = linear();
        INDArray s = Nd4j.createFromArray(S).castTo(DataType.FLOAT);
        History history = model.fit(x(), y(), Fit.epochs(1).batchSize(X.length).shuffle(false).verbose(0).sampleWeight(s));
        assertStep(byHand(S, X.length), model, history);
    }

    @Test
    void weightsFollowTheirRowsThroughShufflingAndTheValidationSplit() {
        // a shuffled full batch is the same sum; the split keeps the first 4 rows and their weights
        Sequential model = linear();
        INDArray s = Nd4j.createFromArray(S).castTo(DataType.FLOAT).reshape(S.length, 1);
        History history = model.fit(x(), y(), Fit.epochs(1).batchSize(X.length).seed(3).verbose(0).sampleWeight(s)
                .validationSplit(2.0 / 6));
        assertStep(byHand(S, 4), model, history);
        assertTrue(history.history().containsKey("val_loss"));
    }

    @Test
    void multipliesWithClassWeights() {
        // labels 0/1 as classes; class 1 weighs 4, so an example weighs s_i * (y_i == 1 ? 4 : 1)
        double[] labels = {0, 1, 1, 0, 1, 0};
        double[] product = new double[S.length];
        for (int i = 0; i < S.length; i++) {
            product[i] = S[i] * (labels[i] == 1 ? 4 : 1);
        }
        Sequential model = new Sequential(new Input(2), new Dense(1));
        model.compile(new SGD(LR), Losses.meanSquaredError());
        Sequential reference = new Sequential(new Input(2), new Dense(1));
        reference.compile(new SGD(LR), Losses.meanSquaredError());
        reference.setWeights(model.getWeights());
        INDArray y = Nd4j.createFromArray(labels).castTo(DataType.FLOAT).reshape(labels.length, 1);
        History both = model.fit(x(), y, Fit.epochs(1).batchSize(6).shuffle(false).verbose(0)
                .sampleWeight(Nd4j.createFromArray(S).castTo(DataType.FLOAT)).classWeight(Map.of(1, 4.0)));
        History multiplied = reference.fit(x(), y, Fit.epochs(1).batchSize(6).shuffle(false).verbose(0)
                .sampleWeight(Nd4j.createFromArray(product).castTo(DataType.FLOAT)));
        assertEquals(multiplied.last("loss"), both.last("loss"), 1e-6);
        assertEquals(reference.getWeights().get(0), model.getWeights().get(0));
    }

    @Test
    void badWeightsNameTheExampleOrBothShapes() {
        Sequential model = linear();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> model.fit(x(), y(),
                Fit.epochs(1).verbose(0).sampleWeight(Nd4j.ones(DataType.FLOAT, 5))));
        assertTrue(shape.getMessage().contains("[6]") && shape.getMessage().contains("[5]"), shape.getMessage());
        INDArray negative = Nd4j.createFromArray(new float[] {1, 1, -1, 1, 1, 1});
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> model.fit(x(), y(),
                Fit.epochs(1).verbose(0).sampleWeight(negative)));
        assertTrue(bad.getMessage().contains("example 2"), bad.getMessage());
    }
}
