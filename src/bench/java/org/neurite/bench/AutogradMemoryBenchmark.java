package org.neurite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

/**
 * Runs forward + backward + SGD update of a small MLP (5 -> 64 -> 1, batch 32) for many steps
 * with the raw Tensor API and prints the process RSS along the way, to show that a training loop
 * does not grow memory.
 *
 * <p>The first half of the steps warms up (JIT, allocator arenas); growth is measured from
 * there to the end. Pre-touch a fixed Java heap so that RSS shows native memory, not the heap
 * filling its committed pages:
 * <pre>
 * mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *      org.neurite.bench.AutogradMemoryBenchmark 10000 plain|scoped
 * </pre>
 */
public final class AutogradMemoryBenchmark {
    private AutogradMemoryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        boolean scoped = args.length < 2 || args[1].equals("scoped");
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 5);
        INDArray y = x.sum(1).reshape(32, 1).gt(2.5).castTo(DataType.FLOAT);
        Tensor w1 = Tensor.parameter(Nd4j.randn(DataType.FLOAT, 5, 64).muli(0.3));
        Tensor b1 = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 64));
        Tensor w2 = Tensor.parameter(Nd4j.randn(DataType.FLOAT, 64, 1).muli(0.3));
        Tensor b2 = Tensor.parameter(Nd4j.zeros(DataType.FLOAT, 1));
        Tensor[] params = {w1, b1, w2, b2};
        Tensor input = Tensor.constant(x);
        Tensor target = Tensor.constant(y);

        System.out.printf("mode=%s steps=%d%n", scoped ? "scoped (MemoryScope per step)" : "plain (no scope)", steps);
        long rssAfterWarmup = 0;
        double loss = 0;
        long t0 = System.nanoTime();
        for (int step = 1; step <= steps; step++) {
            if (scoped) {
                try (MemoryScope scope = MemoryScope.open("bench")) {
                    loss = step(input, target, params);
                }
            } else {
                loss = step(input, target, params);
            }
            if (step == steps / 2) {
                rssAfterWarmup = rssKb();
            }
            if (step % 1000 == 0) {
                Runtime rt = Runtime.getRuntime();
                System.out.printf("step %6d  loss %.4f  RSS %7.1f MiB  Java heap used %6.1f / committed %6.1f MiB"
                                + "  ND4J off-heap %8.1f KiB%n", step, loss, rssKb() / 1024.0,
                        (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.totalMemory() / 1048576.0,
                        Nd4j.getMemoryManager().allocatedMemory(0) / 1024.0);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rssEnd = rssKb();
        System.out.printf("RSS after %,d steps (warm): %.1f MiB; after %,d steps: %.1f MiB; growth %.2f%%; %.0f steps/s%n",
                steps / 2, rssAfterWarmup / 1024.0, steps, rssEnd / 1024.0,
                100.0 * (rssEnd - rssAfterWarmup) / rssAfterWarmup, steps / seconds);
    }

    private static double step(Tensor x, Tensor y, Tensor[] p) {
        for (Tensor t : p) {
            t.zeroGrad();
        }
        Tensor out = x.matmul(p[0]).add(p[1]).relu().matmul(p[2]).add(p[3]);
        Tensor loss = out.sub(y).pow(2).mean();
        loss.backward();
        for (Tensor t : p) {
            t.value().subi(t.grad().mul(0.05));
        }
        return loss.item();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
