package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.Neurite;
import org.neurite.layers.Activation;
import org.neurite.layers.ActivationFunction;
import org.neurite.layers.Activations;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.losses.Loss;
import org.neurite.losses.Losses;
import org.neurite.tensor.Tensor;

/**
 * {@code Neurite.fastPaths(false)} runs training on the plain path (softmax then the loss on
 * probabilities, each activation before its pooling, Adam's rule in Java, the generic conv
 * gradient); the seed CNN's losses must agree with the fast path step by step to float rounding.
 */
class FastPathsTest {
    private static final int STEPS = 6;

    @AfterEach
    void fastPathsBackOn() {
        Neurite.fastPaths(true);
    }

    /** The seed CNN's layers, scaled down to 14x14 images and fewer filters so the test stays fast. */
    private static Sequential seedCnn() {
        return new Sequential(new Input(14, 14, 1), new Conv2D(8, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(16, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dense(16, "relu"),
                new Dense(10, "softmax"));
    }

    private static List<Double> train(boolean fast, List<INDArray> finalWeights) {
        Neurite.fastPaths(fast);
        Neurite.seed(11);
        Sequential model = seedCnn();
        model.compile("adam", "sparse_categorical_crossentropy");
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 14, 14, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            losses.add(model.trainOnBatch(x, y).get("loss"));
        }
        finalWeights.addAll(model.getWeights());
        return losses;
    }

    @Test
    void seedCnnTrainsToTheSameLossesOnThePlainPath() {
        List<INDArray> fastWeights = new ArrayList<>();
        List<INDArray> plainWeights = new ArrayList<>();
        List<Double> fast = train(true, fastWeights);
        List<Double> plain = train(false, plainWeights);
        for (int step = 0; step < STEPS; step++) {
            assertEquals(fast.get(step), plain.get(step), 1e-5 * Math.abs(fast.get(step)), "loss of step " + (step + 1));
        }
        boolean bitwiseSame = true;
        for (int i = 0; i < fastWeights.size(); i++) {
            float[] a = fastWeights.get(i).data().asFloat();
            float[] b = plainWeights.get(i).data().asFloat();
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 1e-4, "weight array " + i + ", element " + k);
            }
            bitwiseSame &= Arrays.equals(a, b);
        }
        assertFalse(bitwiseSame, "the switch changed nothing: the two runs took the same kernels");
    }

    @Test
    void fusionsFollowDeclaredPropertiesNotNames() {
        ActivationFunction namedLikeSoftmax = new ActivationFunction() {
            @Override
            public Tensor apply(Tensor x) {
                return x.softmax();
            }

            @Override
            public String name() {
                return "softmax";
            }
        };
        Loss sparse = Losses.sparseCategoricalCrossentropy();
        assertTrue(sparse.onLogitsOf(Activations.softmax()).fromLogits());
        assertNull(sparse.onLogitsOf(namedLikeSoftmax), "a custom activation declares no probabilities");
        assertNull(sparse.onLogitsOf(Activations.sigmoid()));
        assertTrue(Losses.get("binary_crossentropy").onLogitsOf(Activations.sigmoid()).fromLogits());
        assertNull(sparse.withFromLogits(true).onLogitsOf(Activations.softmax()), "already on logits");
        assertTrue(LayerFusion.poolsAfterActivation(new Activation("relu"), new MaxPooling2D(2)));
        assertFalse(LayerFusion.poolsAfterActivation(new Activation(Activations.leakyRelu(-0.5)), new MaxPooling2D(2)),
                "a negative slope makes leaky relu decreasing");
        assertFalse(LayerFusion.poolsAfterActivation(new Activation("relu"), new Flatten()));
    }
}
