package org.neurite.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Layer;
import org.neurite.layers.MultiHeadAttention;
import org.neurite.layers.TransformerEncoder;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Profiler;
import org.neurite.tensor.Tensor;

/**
 * Forward and forward+backward time of MultiHeadAttention(4, 16) self-attention and
 * TransformerEncoder(128, 4) on FLOAT [32, 56, 64], each step inside a MemoryScope as fit runs it;
 * medians of 40 steps after 15 warm-up steps. Arguments: "mask" adds a key-padding mask, "causal"
 * a causal mask (attention only), "profile" prints the per-kernel profile of the last layer.
 *
 * <pre>mvn -Pbench -q test-compile exec:java -Dexec.mainClass=org.neurite.bench.AttentionBench</pre>
 */
public final class AttentionBench {
    private static final int WARMUP = 15;
    private static final int STEPS = 40;

    private AttentionBench() {
    }

    public static void main(String[] args) {
        List<String> options = Arrays.asList(args);
        boolean mask = options.contains("mask");
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 56, 64).subi(0.5);
        INDArray keep = null;
        if (mask) {   // each example keeps a random length in [28, 56)
            keep = Nd4j.zeros(DataType.FLOAT, 32, 56);
            for (int n = 0; n < 32; n++) {
                keep.getRow(n).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 28 + (n * 7) % 28)).assign(1);
            }
        }
        INDArray m = keep;
        MultiHeadAttention mha = new MultiHeadAttention(4, 16).useCausalMask(options.contains("causal"));
        mha.build(List.of(new long[]{56, 64}, new long[]{56, 64}), DataType.FLOAT);
        run("MultiHeadAttention(4, 16) self-attention", mha,
                t -> mha.forward(List.of(t, t.withMask(m)), true), x, options.contains("profile"));
        TransformerEncoder encoder = new TransformerEncoder(128, 4);
        encoder.build(new long[]{56, 64}, DataType.FLOAT);
        run("TransformerEncoder(128, 4)", encoder, t -> encoder.forward(t.withMask(m), true), x,
                options.contains("profile"));
    }

    private static void run(String what, Layer layer, Function<Tensor, Tensor> f, INDArray x, boolean profile) {
        INDArray gradient = Nd4j.ones(DataType.FLOAT, x.shape());
        double[] forward = new double[STEPS];
        double[] both = new double[STEPS];
        for (int i = 0; i < WARMUP + 2 * STEPS; i++) {
            boolean backward = i >= WARMUP + STEPS || i < WARMUP;
            if (profile && i == WARMUP + STEPS) {
                Profiler.reset();
                Profiler.enable();
            }
            long start = System.nanoTime();
            try (MemoryScope scope = MemoryScope.open("bench")) {
                Tensor input = Tensor.parameter(x);   // the input gradient as a layer inside a model computes it
                Tensor y = f.apply(input);
                if (backward) {
                    y.backward(gradient);
                } else {
                    y.value().sumNumber();
                }
            }
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= WARMUP + STEPS) {
                both[i - WARMUP - STEPS] = ms;
            } else if (i >= WARMUP) {
                forward[i - WARMUP] = ms;
            }
            layer.weights().forEach(w -> w.parameter().zeroGrad());
        }
        Profiler.disable();
        System.out.printf("%s on FLOAT [32, 56, 64], %d params: forward %.2f ms (min %.2f), forward+backward %.2f ms"
                        + " (min %.2f)%n", what, layer.countParams(), median(forward), min(forward), median(both),
                min(both));
        if (profile) {
            System.out.println(Profiler.report());
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
