package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InitializersTest {

    /** All values within the limit, and the largest close to it (so the limit is not a looser one). */
    private static void assertUniformWithin(INDArray w, double limit) {
        double max = w.amaxNumber().doubleValue();
        assertTrue(max <= limit, "max |w| " + max + " exceeds limit " + limit);
        assertTrue(max > 0.97 * limit, "max |w| " + max + " is far below limit " + limit);
        assertEquals(0, w.meanNumber().doubleValue(), 0.05 * limit);
    }

    @Test
    void fansFollowKeras() {
        assertEquals(100, Initializers.fanIn(new long[]{100, 50}));
        assertEquals(50, Initializers.fanOut(new long[]{100, 50}));
        assertEquals(3 * 3 * 16, Initializers.fanIn(new long[]{3, 3, 16, 32}));
        assertEquals(3 * 3 * 32, Initializers.fanOut(new long[]{3, 3, 16, 32}));
        assertEquals(5 * 16, Initializers.fanIn(new long[]{5, 16, 128}));
    }

    @Test
    void glorotUniformLimitForADenseKernel() {
        Nd4j.getRandom().setSeed(11);
        Dense dense = new Dense(50);
        dense.build(new long[]{100});
        assertUniformWithin(dense.weights().get(0).value(), Math.sqrt(6.0 / (100 + 50)));
        assertEquals(0.0, dense.weights().get(1).value().amaxNumber().doubleValue());
    }

    @Test
    void glorotUniformLimitForAConvKernelCountsTheWindow() {
        Nd4j.getRandom().setSeed(12);
        Conv2D conv = new Conv2D(32, 3);
        conv.build(new long[]{8, 8, 16});
        // fan_in 3*3*16 = 144, fan_out 3*3*32 = 288; ignoring the window would allow sqrt(6/48)
        assertUniformWithin(conv.weights().get(0).value(), Math.sqrt(6.0 / (144 + 288)));
        Conv1D conv1 = new Conv1D(128, 5);
        conv1.build(new long[]{20, 16});
        assertUniformWithin(conv1.weights().get(0).value(), Math.sqrt(6.0 / (5 * 16 + 5 * 128)));
    }

    @Test
    void heAndLecunUniformLimits() {
        Nd4j.getRandom().setSeed(13);
        assertUniformWithin(Initializers.heUniform().create(DataType.DOUBLE, 200, 40), Math.sqrt(6.0 / 200));
        assertUniformWithin(Initializers.lecunUniform().create(DataType.DOUBLE, 3, 3, 8, 40), Math.sqrt(3.0 / 72));
    }

    @Test
    void normalInitialisersHaveTheirVariance() {
        Nd4j.getRandom().setSeed(14);
        INDArray w = Initializers.heNormal().create(DataType.DOUBLE, 400, 100);
        assertEquals(2.0 / 400, w.varNumber().doubleValue(), 0.1 * 2.0 / 400);
        assertTrue(w.amaxNumber().doubleValue() <= 2 * Math.sqrt(2.0 / 400) / .87962566103423978 + 1e-12);
    }

    @Test
    void unknownNameListsTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("glorot"));
        for (String name : Initializers.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertEquals("glorot_uniform", Initializers.get("Glorot_Uniform").name());
    }
}
