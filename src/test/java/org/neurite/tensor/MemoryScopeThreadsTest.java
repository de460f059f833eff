package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory scopes, their array pools and the cached op contexts belong to the thread that uses them:
 * two threads running the same ops in scopes of the same name never receive each other's arrays,
 * and compute exactly what one thread alone does (docs/reliability.md, "Concurrency").
 */
class MemoryScopeThreadsTest {

    /** A few scoped steps of the same op sequence; the results as Java numbers, the arrays seen. */
    private static float[] steps(INDArray x, Set<INDArray> seen) {
        float[] out = new float[50];
        for (int step = 0; step < out.length; step++) {
            try (MemoryScope scope = MemoryScope.open("step")) {
                INDArray h = Native.call("tanh", x)[0];
                INDArray s = Native.call("multiply", h, x)[0];
                seen.add(h);
                seen.add(s);
                out[step] = Native.reduce("sum", s, false).getFloat(0) + step;
            }
        }
        MemoryScope.release("step");
        return out;
    }

    @Test
    void twoThreadsInScopesOfOneNameNeverShareArraysAndComputeTheSequentialResult() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            INDArray a = Nd4j.rand(DataType.FLOAT, 16, 8);
            INDArray b = Nd4j.rand(DataType.FLOAT, 16, 8);
            float[] expectedA = steps(a, Collections.newSetFromMap(new IdentityHashMap<>()));
            float[] expectedB = steps(b, Collections.newSetFromMap(new IdentityHashMap<>()));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 10; round++) {
                    Set<INDArray> seenA = Collections.newSetFromMap(new IdentityHashMap<>());
                    Set<INDArray> seenB = Collections.newSetFromMap(new IdentityHashMap<>());
                    CyclicBarrier start = new CyclicBarrier(2);
                    Future<float[]> fa = pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return steps(a, seenA);
                    });
                    Future<float[]> fb = pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return steps(b, seenB);
                    });
                    assertArrayEquals(expectedA, fa.get(30, TimeUnit.SECONDS), 0f, "round " + round);
                    assertArrayEquals(expectedB, fb.get(30, TimeUnit.SECONDS), 0f, "round " + round);
                    seenA.retainAll(seenB);
                    assertTrue(seenA.isEmpty(), "an array of one thread's scope was handed to the other");
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }
}
