package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

/**
 * The checks every layer's test runs: build in DOUBLE, output shape of a forward pass, parameter
 * count, a gradient check with respect to the input (when continuous) and every trainable weight,
 * one SGD step that lowers a squared-error loss, a getWeights/setWeights round trip, and a
 * config round trip through JSON and {@link LayerRegistry}.
 *
 * <pre>{@code LayerHarness.of(new Dense(3), 4).checkAll(new long[]{3}, 15);}</pre>
 * Every forward pass reseeds ND4J's generator, so dropout draws the same mask each time and the
 * finite differences see one fixed function.
 */
final class LayerHarness {
    private static final long SEED = 1234;
    private static final double LEARNING_RATE = 0.1;

    private final Layer layer;
    private final long[] inputShape;
    private int batch = 2;
    private boolean training = true;
    private int vocabulary;
    private INDArray input;

    private LayerHarness(Layer layer, long[] inputShape) {
        this.layer = layer;
        this.inputShape = inputShape.clone();
        layer.build(inputShape, DataType.DOUBLE);
    }

    /** Builds {@code layer} in DOUBLE for per-example {@code inputShape}. */
    static LayerHarness of(Layer layer, long... inputShape) {
        return new LayerHarness(layer, inputShape);
    }

    LayerHarness batch(int n) {
        this.batch = n;
        this.input = null;
        return this;
    }

    /** Feeds whole-number ids in {@code [0, vocabulary)} (not differentiable) instead of values in [-1, 1). */
    LayerHarness ids(int vocabularySize) {
        this.vocabulary = vocabularySize;
        this.input = null;
        return this;
    }

    /** Runs the forward passes in inference mode (training is the default). */
    LayerHarness inference() {
        this.training = false;
        return this;
    }

    Layer layer() {
        return layer;
    }

    /** The seeded random batch {@code [N] + inputShape}, DOUBLE. */
    INDArray input() {
        if (input == null) {
            long[] shape = batchShape(inputShape);
            Random rng = Nd4j.getRandomFactory().getNewRandomInstance(SEED);
            INDArray u = Nd4j.rand(rng, shape).castTo(DataType.DOUBLE);
            input = vocabulary > 0 ? Nd4j.math().floor(u.muli(vocabulary)) : u.muli(2).subi(1);
        }
        return input;
    }

    /** The layer's forward pass with the generator reseeded first. */
    Tensor forward(Tensor x) {
        Nd4j.getRandom().setSeed(SEED);
        return layer.forward(x, training);
    }

    /** All the checks, with the expected output shape (no batch) and parameter count. */
    LayerHarness checkAll(long[] expectedOutputShape, long expectedParams) {
        assertArrayEquals(expectedOutputShape, layer.outputShape(), "output shape of " + layer);
        checkForwardShape();
        checkParams(expectedParams);
        checkGradients();
        checkTrainingStep();
        checkWeightsRoundTrip();
        checkConfigRoundTrip();
        return this;
    }

    void checkForwardShape() {
        Tensor y = forward(Tensor.constant(input()));
        assertArrayEquals(batchShape(layer.outputShape()), y.shape(), "forward shape of " + layer);
        assertEquals(DataType.DOUBLE, y.dataType());
    }

    void checkParams(long expected) {
        assertEquals(expected, layer.countParams(), "parameter count of " + layer);
    }

    /** Autograd against finite differences for the input (when continuous) and every trainable weight. */
    void checkGradients() {
        boolean continuous = vocabulary == 0;
        Tensor x = continuous ? Tensor.parameter(input().dup()) : Tensor.constant(input());
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(trainable());
        if (!continuous && inputs.size() == 1) {
            return;
        }
        GradientCheck.Result r = GradientCheck.check(in -> forward(in.get(0)), inputs);
        assertTrue(r.passed(), layer + ": " + r);
        for (Tensor p : trainable()) {
            assertTrue(p.grad() != null && p.grad().amaxNumber().doubleValue() > 0,
                    layer + ": a trainable weight received no gradient");
        }
    }

    /** One step {@code value -= 0.1 * grad} on the weights (or on the input, for weightless layers) lowers the loss. */
    void checkTrainingStep() {
        List<Tensor> stepped = trainable();
        boolean onInput = stepped.isEmpty();
        Tensor x = onInput ? Tensor.parameter(input().dup()) : Tensor.constant(input());
        if (onInput) {
            stepped = List.of(x);
        }
        INDArray target = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(SEED + 1),
                batchShape(layer.outputShape())).castTo(DataType.DOUBLE).subi(0.5);
        stepped.forEach(Tensor::zeroGrad);
        Tensor before = loss(x, target);
        before.backward();
        for (Tensor p : stepped) {
            assertTrue(p.grad() != null, layer + ": no gradient for the training step");
            p.value().subi(p.grad().mul(LEARNING_RATE));
        }
        double after = loss(x, target).item();
        assertTrue(after < before.item(), layer + ": loss " + before.item() + " did not fall, got " + after);
    }

    private Tensor loss(Tensor x, INDArray target) {
        Tensor diff = forward(x).sub(Tensor.constant(target));
        return diff.mul(diff).mean();
    }

    /** setWeights(getWeights() + 1) is read back exactly; the original values are restored. */
    void checkWeightsRoundTrip() {
        List<INDArray> original = layer.getWeights();
        List<INDArray> shifted = new ArrayList<>();
        original.forEach(w -> shifted.add(w.add(1)));
        layer.setWeights(shifted);
        List<INDArray> read = layer.getWeights();
        for (int i = 0; i < shifted.size(); i++) {
            assertEquals(shifted.get(i), read.get(i), layer + ": weight " + i + " after setWeights");
        }
        layer.setWeights(original);
        assertFalse(layer.config().isEmpty());
    }

    /**
     * The layer rebuilt by {@link LayerRegistry} from its config written as JSON has the same
     * config, and with the same weights gives the same inference output.
     */
    void checkConfigRoundTrip() {
        String json = Json.write(layer.config());
        Layer copy = LayerRegistry.fromConfig(layer.className(), Json.parseObject(json));
        assertEquals(json, Json.write(copy.config()), layer + ": config after the round trip");
        copy.build(inputShape, DataType.DOUBLE);
        copy.setWeights(layer.getWeights());
        assertEquals(layer.forward(Tensor.constant(input()), false).value(),
                copy.forward(Tensor.constant(input()), false).value(), layer + ": output of the rebuilt layer");
    }

    private List<Tensor> trainable() {
        List<Tensor> out = new ArrayList<>();
        for (Weight w : layer.weights()) {
            if (w.isTrainable()) {
                out.add(w.parameter());
            }
        }
        return out;
    }

    private long[] batchShape(long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = batch;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }
}
