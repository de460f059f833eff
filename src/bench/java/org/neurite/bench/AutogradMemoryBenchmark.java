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
 * <pre>mvn -B -q -Pbench test-compile exec:java -Dexec.mainClass=org.neurite.bench.AutogradMemoryBenchmark [-Dexec.args="10000 scoped|plain"]</pre>
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
            if (step == 1000) {
                rssAfterWarmup = rssKb();
            }
            if (step % 1000 == 0) {
                System.out.printf("step %6d  loss %.4f  RSS %7.1f MiB%n", step, loss, rssKb() / 1024.0);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rssEnd = rssKb();
        System.out.printf("RSS after 1,000 steps: %.1f MiB; after %,d steps: %.1f MiB; growth %.1f%%; %.0f steps/s%n",
                rssAfterWarmup / 1024.0, steps, rssEnd / 1024.0,
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
