package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.losses.Losses;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Sequential;
import org.neurite.optimizers.Adam;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

/** The recurrent layers inside training steps (memory scopes, view reuse) and inside models. */
class RecurrentModelTest {

    /** Output and gradients of repeated steps inside a memory scope equal those outside any scope. */
    @Test
    void memoryScopeStepsMatchUnscopedOnes() {
        List<Supplier<Layer>> layers = List.of(
                () -> new LSTM(4).returnSequences(true),
                () -> new GRU(4).goBackwards(true),
                () -> new SimpleRNN(4).returnSequences(true).goBackwards(true),
                () -> new Bidirectional(new LSTM(3).returnSequences(true)));
        for (Supplier<Layer> make : layers) {
            Layer layer = RecurrentChecks.built(make.get());
            INDArray x = RecurrentChecks.random(9, 1, RecurrentChecks.N, RecurrentChecks.T, RecurrentChecks.F);
            INDArray mask = RecurrentChecks.mask();
            List<INDArray> expected = step(layer, x, mask);
            for (int cycle = 0; cycle < 3; cycle++) {
                List<INDArray> got;
                try (MemoryScope s = MemoryScope.open("recurrent-test")) {
                    got = step(layer, x, mask).stream().map(Allocator::persistentCopy).toList();
                }
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), got.get(i), layer + " cycle " + cycle + " array " + i);
                }
            }
            MemoryScope.release("recurrent-test");
        }
    }

    /** The output, then the gradient of every weight and of the input, for sum(output * 1..). */
    private static List<INDArray> step(Layer layer, INDArray x, INDArray mask) {
        layer.weights().forEach(w -> w.parameter().zeroGrad());
        Tensor in = Tensor.parameter(x.dup());
        Tensor out = layer.call(List.of(in.withMask(mask)), false);
        INDArray weights = Nd4j.linspace(DataType.DOUBLE, 1, out.value().length(), 1).reshape(out.shape());
        out.mul(Tensor.constant(weights)).sum().backward();
        List<INDArray> all = new ArrayList<>();
        all.add(out.value());
        layer.weights().forEach(w -> all.add(w.parameter().grad()));
        all.add(in.grad());
        return all;
    }

    /** Embedding -> LSTM -> Dense learns a toy task, and saves and loads with its weights. */
    @Test
    void sequentialModelTrainsSavesAndLoads(@TempDir Path dir) throws Exception {
        Nd4j.getRandom().setSeed(3);
        int n = 64;
        int length = 8;
        INDArray ids = Nd4j.rand(DataType.FLOAT, n, length).muli(19).castTo(DataType.INT).castTo(DataType.FLOAT)
                .addi(1);
        // label: whether id 1..5 appears in the first half
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 1);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < length / 2; t++) {
                if (ids.getDouble(i, t) <= 5) {
                    labels.putScalar(i, 0, 1);
                }
            }
        }
        Sequential model = new Sequential(new Input(length), new Embedding(21, 8),
                new Bidirectional(new GRU(8).returnSequences(true)), new LSTM(8), new Dense(1, "sigmoid"));
        model.compile(new Adam(1e-2), Losses.binaryCrossentropy());
        History h = model.fit(ids, labels, Fit.epochs(15).batchSize(16).verbose(0));
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) * 0.8, "loss " + loss);
        Path file = dir.resolve("rnn.neurite");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(model.predict(ids).data().asFloat(), loaded.predict(ids).data().asFloat(), 0f);
    }
}
