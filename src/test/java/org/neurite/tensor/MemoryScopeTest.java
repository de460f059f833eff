package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MemoryScopeTest {
    @AfterEach
    void freePools() {
        MemoryScope.release("test");
        MemoryScope.release("outer");
        MemoryScope.release("inner");
    }

    @Test
    void theNextCycleOfAScopeGetsTheSameArraysBackInTheSameOrder() {
        INDArray first;
        INDArray second;
        try (MemoryScope s = MemoryScope.open("test")) {
            first = Allocator.empty(DataType.FLOAT, 3, 4);
            second = Allocator.empty(DataType.FLOAT, 3, 4);
            assertNotSame(first, second);
            assertFalse(first.isAttached(), "pooled arrays live outside the workspace");
            assertFalse(first.closeable(), "nothing may close a pooled array behind the pool's back");
        }
        try (MemoryScope s = MemoryScope.open("test")) {
            assertSame(first, Allocator.empty(DataType.FLOAT, 3, 4));
            assertSame(second, Allocator.empty(DataType.FLOAT, 3, 4));
            assertNotSame(first, Allocator.empty(DataType.FLOAT, 3, 4), "a third one is new");
            assertNotSame(first, Allocator.empty(DataType.DOUBLE, 3, 4), "the type is part of the key");
        }
    }

    @Test
    void shapesUnusedForTwoCyclesAreFreed() {
        INDArray odd;
        try (MemoryScope s = MemoryScope.open("test")) {
            odd = Allocator.empty(DataType.FLOAT, 7);
        }
        for (int i = 0; i < 2; i++) {
            try (MemoryScope s = MemoryScope.open("test")) {
                Allocator.empty(DataType.FLOAT, 5);
            }
        }
        assertTrue(odd.wasClosed());
    }

    @Test
    void theInnermostScopeOwnsWhatIsAllocatedAndOutsideEveryScopeNothingIsPooled() {
        INDArray outer;
        INDArray inner;
        try (MemoryScope o = MemoryScope.open("outer")) {
            try (MemoryScope i = MemoryScope.open("inner")) {
                inner = Allocator.empty(DataType.FLOAT, 2);
            }
            outer = Allocator.empty(DataType.FLOAT, 2);
            assertNotSame(inner, outer, "the inner scope's array is not the outer scope's");
        }
        INDArray plain = Allocator.empty(DataType.FLOAT, 2);
        assertTrue(plain.closeable());
        assertNotSame(outer, plain);
    }

    @Test
    void aScopeOpenedInsideOneOfTheSameNameLeavesTheOuterArraysAlone() {
        try (MemoryScope outer = MemoryScope.open("test")) {
            INDArray kept = Allocator.empty(DataType.FLOAT, 4).assign(7);
            try (MemoryScope inner = MemoryScope.open("test")) {
                Allocator.empty(DataType.FLOAT, 4).assign(1);
            }
            // the inner scope's next cycle must not hand out the outer step's array
            try (MemoryScope inner = MemoryScope.open("test")) {
                INDArray again = Allocator.empty(DataType.FLOAT, 4).assign(2);
                assertNotSame(kept, again);
            }
            assertEquals(28.0, kept.sumNumber().doubleValue(), 0.0);
        }
    }

    @Test
    void opsInAScopeGiveTheSameValuesStepAfterStep() {
        float[][] rows = {{-3, -2, -1, 0}, {-1, 0, 1, 3}, {2, 2, 1, -4}};
        // by hand: x w with w all ones has every row's sum in both columns (-6, 3, 1); relu keeps 3 and 1
        double expectedLoss = 2 * (3 + 1);
        double[] expectedGradColumn = {-1 + 2, 0 + 2, 1 + 1, 3 - 4};   // rows 1 and 2 summed
        INDArray x = Nd4j.createFromArray(rows);
        for (int step = 0; step < 3; step++) {
            try (MemoryScope s = MemoryScope.open("test")) {
                Tensor w = Tensor.parameter(Nd4j.ones(DataType.FLOAT, 4, 2));
                Tensor loss = Tensor.constant(x).matmul(w).relu().sum();
                loss.backward();
                assertEquals(expectedLoss, loss.item(), 1e-6, "step " + step);
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 2; j++) {
                        assertEquals(expectedGradColumn[i], w.grad().getDouble(i, j), 1e-6, "step " + step);
                    }
                }
            }
        }
    }
}
