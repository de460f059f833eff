package org.neurite.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

/** Double-precision gradient checks of the fused recurrent ops' BPTT, for every option. */
class RecurrentSequenceTest {
    private static final int N = 3;
    private static final int T = 4;
    private static final int F = 2;
    private static final int U = 3;

    private static INDArray random(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.DOUBLE)
                .muli(2).subi(1);
    }

    private static INDArray mask() {
        INDArray m = Nd4j.ones(DataType.DOUBLE, N, T);
        m.get(NDArrayIndex.point(1), NDArrayIndex.interval(2, T)).assign(0);
        m.get(NDArrayIndex.point(2), NDArrayIndex.point(0)).assign(0);   // a masked step at the start, too
        m.get(NDArrayIndex.point(2), NDArrayIndex.point(2)).assign(0);   // and in the middle
        return m;
    }

    private static List<RecurrentSequence.Options> variants() {
        INDArray keepX = random(20, N, F).gt(-0.4).castTo(DataType.DOUBLE).muli(1 / 0.7);
        INDArray keepH = random(21, N, U).gt(-0.4).castTo(DataType.DOUBLE).muli(1 / 0.7);
        List<RecurrentSequence.Options> out = new ArrayList<>();
        out.add(new RecurrentSequence.Options(false, false, false, null, null, null, "tanh", "sigmoid"));
        out.add(new RecurrentSequence.Options(true, false, false, mask(), null, null, "tanh", "sigmoid"));
        out.add(new RecurrentSequence.Options(true, true, true, mask(), null, null, "tanh", "sigmoid"));
        out.add(new RecurrentSequence.Options(true, true, false, null, keepX, keepH, "tanh", "sigmoid"));
        out.add(new RecurrentSequence.Options(false, true, false, mask(), keepX, keepH, "relu", "tanh"));
        return out;
    }

    private static void check(Function<RecurrentSequence.Options, RecurrentSequence> op, int gates, long[] biasShape) {
        for (RecurrentSequence.Options o : variants()) {
            for (boolean withBias : new boolean[]{true, false}) {
                List<Tensor> in = new ArrayList<>();
                in.add(Tensor.parameter(random(1, N, T, F)));
                in.add(Tensor.parameter(random(2, F, (long) gates * U).muli(0.7)));
                in.add(Tensor.parameter(random(3, U, (long) gates * U).muli(0.7)));
                if (withBias) {
                    in.add(Tensor.parameter(random(4, biasShape).muli(0.5)));
                }
                GradientCheck.Result r = GradientCheck.check(
                        ts -> Tensor.apply(op.apply(o), ts.toArray(new Tensor[0])), in);
                assertTrue(r.passed(), op.apply(o).name() + " " + o + " bias=" + withBias + ": " + r);
            }
        }
    }

    @Test
    void rnnGradients() {
        check(RnnSequence::new, 1, new long[]{U});
    }

    @Test
    void lstmGradients() {
        check(LstmSequence::new, 4, new long[]{4 * U});
    }

    @Test
    void gruGradients() {
        check(GruSequence::new, 3, new long[]{2, 3 * U});
    }

    @Test
    void rejectsMismatchedShapes() {
        RecurrentSequence.Options o = new RecurrentSequence.Options(false, false, false, null, null, null, "tanh",
                "sigmoid");
        assertThrows(IllegalArgumentException.class, () -> new LstmSequence(o).forward(random(1, N, T, F),
                random(2, F, 3 * U), random(3, U, 4 * U)));
        assertThrows(IllegalArgumentException.class, () -> RecurrentSequence.Activation.of("softmax"));
    }
}
