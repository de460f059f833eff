package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.examples.MnistCnn;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.Adam;
import org.neurite.optimizers.SGD;

class SequentialTest {

    /** n rows of 5 features in [-1, 1); label 1 when a fixed linear score is positive. */
    static INDArray[] separable(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, 5).muli(2).subi(1);
        INDArray w = Nd4j.createFromArray(new float[][]{{1.5f}, {-2f}, {0.7f}, {1f}, {-0.5f}});
        INDArray y = x.mmul(w).gt(0).castTo(DataType.FLOAT);
        return new INDArray[]{x, y};
    }

    @Test
    void seedMlpLearnsASeparableSet() {
        INDArray[] train = separable(1000, 1);
        INDArray[] test = separable(300, 2);
        Sequential mlp = new Sequential(new Input(5), new Dense(64, "relu"), new Dense(1, "sigmoid"));
        mlp.compile("adam", "binary_crossentropy", "accuracy");
        History history = mlp.fit(train[0], train[1], Fit.epochs(10).batchSize(32).verbose(0));
        Map<String, Double> scores = mlp.evaluate(test[0], test[1]);
        assertTrue(scores.get("accuracy") >= 0.95, scores.toString());
        assertEquals(10, history.get("loss").size());
        assertTrue(history.get("loss").get(9) < history.get("loss").get(0), history.toString());
        assertArrayEquals(new long[]{300, 1}, mlp.predict(test[0]).shape());
    }

    @Test
    void seedCnnHasKerasParameterCountAndSummary() {
        Sequential model = MnistCnn.seedCnn();
        assertEquals(225_034, model.countParams());
        String table = Summary.of(model);
        assertTrue(table.matches("(?s).*conv2d(_\\d+)? \\(Conv2D\\).*"), table);
        assertTrue(table.contains("(None, 26, 26, 32)"), table);
        assertTrue(table.matches("(?s).*max_pooling2d(_\\d+)? \\(MaxPooling2D\\) +\\(None, 5, 5, 64\\).*"), table);
        assertTrue(table.contains("Total params: 225,034"), table);
        assertTrue(table.contains("Trainable params: 225,034"), table);
        assertTrue(table.contains("Non-trainable params: 0"), table);
    }

    @Test
    void typedCompileTrainsACnnStep() {
        Sequential model = MnistCnn.seedCnn();
        model.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 28, 28, 1);
        INDArray y = Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
        Map<String, Double> first = model.trainOnBatch(x, y);
        assertTrue(first.containsKey("loss") && first.containsKey("accuracy"), first.toString());
        assertEquals(Math.log(10), first.get("loss"), 0.5);
        assertArrayEquals(new long[]{8, 10}, model.predict(x).shape());
        assertEquals(8.0, model.predict(x).sumNumber().doubleValue(), 1e-3);   // softmax rows sum to 1
    }

    @Test
    void fusedSoftmaxLossEqualsTheLossOnProbabilities() {
        Sequential model = new Sequential(new Input(4), new Dense(3, "softmax"));
        model.compile("sgd", "categorical_crossentropy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 4);
        INDArray y = Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2).castTo(DataType.FLOAT);
        double reported = model.evaluate(x, y).get("loss");
        INDArray p = model.predict(x);
        double manual = -Math.log(p.mul(y).sum(1).getDouble(0)) ;
        double mean = 0;
        for (int i = 0; i < 6; i++) {
            mean -= Math.log(p.getRow(i).mul(y.getRow(i)).sumNumber().doubleValue()) / 6;
        }
        assertTrue(Double.isFinite(manual));
        assertEquals(mean, reported, 1e-5);
    }

    @Test
    void frozenLayersKeepTheirWeights() {
        INDArray[] data = separable(64, 3);
        Dense hidden = new Dense(8, "relu");
        Sequential model = new Sequential(new Input(5), hidden, new Dense(1, "sigmoid"));
        model.compile(new SGD(0.5), Losses.binaryCrossentropy());
        hidden.trainable(false);
        List<INDArray> before = hidden.getWeights();
        INDArray headBefore = model.getWeights().get(2);
        model.fit(data[0], data[1], Fit.epochs(2).batchSize(16).verbose(0));
        assertEquals(before, hidden.getWeights());
        assertFalse(headBefore.equals(model.getWeights().get(2)));
        assertTrue(Summary.of(model).contains("Non-trainable params: 48"), Summary.of(model));
    }

    @Test
    void weightsRoundTripInKerasOrder() {
        Sequential model = new Sequential(new Input(3), new Dense(2), new Dense(1));
        List<INDArray> w = model.getWeights();
        assertEquals(4, w.size());
        assertArrayEquals(new long[]{3, 2}, w.get(0).shape());
        assertArrayEquals(new long[]{2}, w.get(1).shape());
        List<INDArray> ones = w.stream().map(a -> Nd4j.onesLike(a)).toList();
        model.setWeights(ones);
        INDArray out = model.predict(Nd4j.ones(DataType.FLOAT, 1, 3));
        assertEquals(9, out.getDouble(0), 0);          // hidden units 3*1+1 = 4 each; output 4+4+1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.setWeights(List.of(Nd4j.ones(3, 3), w.get(1), w.get(2), w.get(3))));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[3, 3]"), e.getMessage());
    }

    @Test
    void wrongInputShapeNamesLayerAndBothShapes() {
        Sequential model = new Sequential(new Input(5), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        INDArray bad = Nd4j.ones(DataType.FLOAT, 4, 6);
        INDArray y = Nd4j.ones(DataType.FLOAT, 4, 1);
        for (Runnable r : List.<Runnable>of(
                () -> model.fit(bad, y, Fit.epochs(1).verbose(0)),
                () -> model.evaluate(bad, y),
                () -> model.predict(bad))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
            assertTrue(e.getMessage().contains("[batch, 5]") && e.getMessage().contains("[4, 6]"), e.getMessage());
            assertTrue(e.getMessage().contains("input"), e.getMessage());
        }
    }

    @Test
    void fitBeforeCompileIsAnError() {
        Sequential model = new Sequential(new Input(5), new Dense(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(Nd4j.ones(2, 5), Nd4j.ones(2, 1), Fit.epochs(1)));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
    }

    @Test
    void unknownNamesListTheValidOnes() {
        Sequential model = new Sequential(new Input(5), new Dense(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.compile("adamm", "mse"));
        assertTrue(e.getMessage().contains("adam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.compile("adam", "msee"));
        assertTrue(e.getMessage().contains("mean_squared_error"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(3, "rellu"));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void validationSplitHoldsOutTheLastRowsAndReportsValMetrics() {
        INDArray[] data = separable(100, 4);
        Sequential model = new Sequential(new Input(5), new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        History h = model.fit(data[0], data[1], Fit.epochs(2).batchSize(10).validationSplit(0.2).verbose(0));
        assertEquals(2, h.get("val_loss").size());
        assertEquals(2, h.get("val_accuracy").size());
        double expected = model.evaluate(data[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(80, 100)),
                data[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(80, 100))).get("loss");
        assertEquals(expected, h.last("val_loss"), 1e-6);
    }

    @Test
    void classWeightsScaleTheLoss() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 1);
        Sequential a = new Sequential(new Input(5), new Dense(1, "sigmoid"));
        a.compile(new SGD(0.0), Losses.binaryCrossentropy());
        double plain = a.fit(x, y, Fit.epochs(1).batchSize(8).verbose(0).shuffle(false)).last("loss");
        double weighted = a.fit(x, y, Fit.epochs(1).batchSize(8).verbose(0).shuffle(false)
                .classWeight(Map.of(0, 3.0, 1, 1.0))).last("loss");
        assertEquals(3 * plain, weighted, 1e-5);
    }

    @Test
    void poolingBeforeTheActivationGivesTheSameOutputsAndGradients() {
        Sequential model = new Sequential(new Input(8, 8, 2), new Conv2D(3, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(2, "softmax"));
        model.compile(new SGD(0.1), Losses.sparseCategoricalCrossentropy());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 8, 2).subi(0.5);
        INDArray y = Nd4j.createFromArray(0f, 1f, 1f, 0f);
        org.neurite.tensor.Tensor h = org.neurite.tensor.Tensor.constant(x);
        for (org.neurite.layers.Layer layer : model.layers()) {
            h = layer.forward(h, false);
        }
        assertEquals(h.value(), model.predict(x));
        // one SGD step through the reordered graph equals the step computed layer by layer
        Sequential copy = new Sequential(new Input(8, 8, 2), new Conv2D(3, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(2, "softmax"));
        copy.setWeights(model.getWeights());
        model.trainOnBatch(x, y);
        org.neurite.tensor.Tensor out = org.neurite.tensor.Tensor.constant(x);
        for (org.neurite.layers.Layer layer : copy.layers()) {
            out = layer == copy.layers().get(copy.layers().size() - 1)
                    ? ((Dense) layer).forwardLinear(out, true) : layer.forward(out, true);
        }
        Losses.sparseCategoricalCrossentropy().withFromLogits(true)
                .compute(org.neurite.tensor.Tensor.constant(y), out).backward();
        List<INDArray> stepped = model.getWeights();
        List<INDArray> manual = copy.getWeights();
        for (int i = 0; i < manual.size(); i++) {
            org.neurite.layers.Weight w = copy.layers().get(i < 2 ? 1 : 4).weights().get(i % 2);
            INDArray expected = w.value().sub(w.parameter().grad().mul(0.1));
            assertTrue(expected.equalsWithEps(stepped.get(i), 1e-6), "weight " + i);
        }
    }

    @Test
    void globalMaxPoolingBeforeTheActivationGivesTheSameOutputs() {
        Sequential model = new Sequential(new Input(9), new org.neurite.layers.Embedding(20, 4),
                new org.neurite.layers.Conv1D(5, 3, "relu"), new org.neurite.layers.GlobalMaxPooling1D(),
                new Dense(1, "sigmoid"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 9).muli(19).castTo(DataType.INT).castTo(DataType.FLOAT);
        org.neurite.tensor.Tensor h = org.neurite.tensor.Tensor.constant(x);
        for (org.neurite.layers.Layer layer : model.layers()) {
            h = layer.forward(h, false);
        }
        assertEquals(h.value(), model.predict(x));
    }
}
