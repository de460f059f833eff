package org.neurite.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Profiler;
import org.neurite.tensor.Tensor;

/**
 * The oneDNN forward of {@link LstmSequence} against the plain steps it replaces: the same FLOAT
 * LSTM with the switch on and off, outputs and every gradient. The shapes are large enough for
 * libnd4j to use its platform kernels, in {@code lstmLayer} and in the bulk recomputation (oneDNN's
 * tanh on a strided gate block included).
 */
class LstmFastForwardTest {
    private static final int N = 16;
    private static final int T = 24;
    private static final int F = 16;
    private static final int U = 64;

    @AfterEach
    void restore() {
        LstmSequence.fastForward(true);
        Profiler.disable();
        Profiler.reset();
    }

    private static INDArray random(long seed, double scale, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT)
                .muli(2 * scale).subi(scale);
    }

    /** Output then the gradients of x, W, U (and b), as DOUBLE copies. */
    private static List<INDArray> run(boolean fast, RecurrentSequence.Options o, boolean bias, boolean scoped) {
        LstmSequence.fastForward(fast);
        List<Tensor> in = new ArrayList<>();
        in.add(Tensor.parameter(random(1, 1, N, T, F)));
        in.add(Tensor.parameter(random(2, 0.3, F, 4 * U)));
        in.add(Tensor.parameter(random(3, 0.3, U, 4 * U)));
        if (bias) {
            in.add(Tensor.parameter(random(4, 0.5, 4 * U)));
        }
        List<INDArray> out = new ArrayList<>();
        try (MemoryScope ignored = scoped ? MemoryScope.open("lstm-fast-test") : null) {
            Tensor y = Tensor.apply(new LstmSequence(o), in.toArray(new Tensor[0]));
            out.add(Allocator.persistentCopy(y.value()));
            y.backward(random(5, 1, y.shape()));
            for (Tensor t : in) {
                out.add(Allocator.persistentCopy(t.grad()));
            }
        }
        return out.stream().map(a -> a.castTo(DataType.DOUBLE)).toList();
    }

    private static void assertRelClose(INDArray want, INDArray got, String what) {
        double scale = Math.max(1e-3, want.amaxNumber().doubleValue());
        double diff = want.sub(got).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, what + ": max difference " + diff + " at scale " + scale);
    }

    @Test
    void fastForwardMatchesPlainSteps() {
        String[] names = {"output", "dx", "dW", "dU", "db"};
        for (boolean sequences : new boolean[]{true, false}) {
            for (boolean backwards : new boolean[]{false, true}) {
                for (boolean bias : new boolean[]{true, false}) {
                    RecurrentSequence.Options o = new RecurrentSequence.Options(sequences, backwards, backwards,
                            null, null, null, "tanh", "sigmoid");
                    List<INDArray> plain = run(false, o, bias, false);
                    Profiler.reset();
                    Profiler.enable();
                    List<INDArray> fast = run(true, o, bias, sequences);
                    Profiler.disable();
                    String what = "sequences=" + sequences + " backwards=" + backwards + " bias=" + bias;
                    assertEquals(OneDnnLstm.AVAILABLE, Profiler.snapshot().containsKey("lstmLayer"),
                            what + ": lstmLayer used exactly when oneDNN is there");
                    assertEquals(plain.size(), fast.size());
                    for (int i = 0; i < plain.size(); i++) {
                        assertRelClose(plain.get(i), fast.get(i), what + " " + names[i]);
                    }
                }
            }
        }
    }

    @Test
    void plainPathWhereTheFastOneIsNotExact() {
        INDArray mask = Nd4j.ones(DataType.FLOAT, N, T);
        mask.get(NDArrayIndex.point(1), NDArrayIndex.interval(5, T)).assign(0);
        List<RecurrentSequence.Options> invalid = List.of(
                new RecurrentSequence.Options(true, false, false, mask, null, null, "tanh", "sigmoid"),
                new RecurrentSequence.Options(true, false, false, null, null, null, "relu", "sigmoid"),
                new RecurrentSequence.Options(true, false, false, null, null, null, "tanh", "tanh"),
                new RecurrentSequence.Options(true, false, false, null, Nd4j.ones(DataType.FLOAT, N, F).muli(2),
                        null, "tanh", "sigmoid"));
        for (RecurrentSequence.Options o : invalid) {
            Profiler.reset();
            Profiler.enable();
            run(true, o, true, false);
            Profiler.disable();
            assertTrue(!Profiler.snapshot().containsKey("lstmLayer"), o + " must take the plain path");
        }
        // DOUBLE never takes it
        LstmSequence.fastForward(true);
        Profiler.reset();
        Profiler.enable();
        new LstmSequence(new RecurrentSequence.Options(true, false, false, null, null, null, "tanh", "sigmoid"))
                .forward(random(1, 1, N, T, F).castTo(DataType.DOUBLE), random(2, 0.3, F, 4 * U).castTo(DataType.DOUBLE),
                        random(3, 0.3, U, 4 * U).castTo(DataType.DOUBLE));
        Profiler.disable();
        assertTrue(!Profiler.snapshot().containsKey("lstmLayer"), "DOUBLE must take the plain path");
    }
}
