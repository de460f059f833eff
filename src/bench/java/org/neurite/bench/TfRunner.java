package org.neurite.bench;

import java.util.List;
import java.util.Random;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow Java's side of the comparison (TensorFlow Java 1.1.0, TensorFlow 2.18 inside): the seed
 * models written with TF Java's raw ops in graph mode, as its users write them without Keras: Keras's
 * glorot_uniform kernels and zero biases (uniform +-0.05 for the embedding), gradients and Adam(1e-3)
 * from {@code tensorflow-framework}, images NHWC, labels as class ids (one-hot inside the graph) or
 * 0/1 floats. Threads: TensorFlow's own default (all cores) unless {@code OMP_NUM_THREADS} is set,
 * which becomes the session's intra-op thread count (inter-op 1); see {@link TfModel}.
 *
 * <pre>java -cp ... org.neurite.bench.TfRunner --workload cnn32 [--data-root DIR --steps N ...]</pre>
 * Only in the Maven profile {@code bench}. No LSTM: that workload is skipped.
 */
public final class TfRunner implements Framework {
    private static final int CLASSES = 10;
    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

    public static void main(String[] args) throws Exception {
        WorkloadRun.main(new TfRunner(), args);
    }

    @Override
    public String name() {
        return "tf";
    }

    @Override
    public BenchModel<?> cnn(long seed) {
        Graph graph = new Graph();
        Ops tf = Ops.create(graph);
        Random random = new Random(seed);
        Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
        Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> h = convBlock(tf, random, x, 1, 32);
        h = convBlock(tf, random, h, 32, 64);
        h = tf.reshape(h, tf.constant(new int[]{-1, 5 * 5 * 64}));
        h = tf.nn.relu(dense(tf, random, h, 5 * 5 * 64, 128));
        Operand<TFloat32> logits = dense(tf, random, h, 128, CLASSES);
        Operand<TFloat32> oneHot = tf.oneHot(y, tf.constant(CLASSES), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
                tf.constant(0));
        return new TfModel(graph, x, y, loss, logits, TfModel.Layout.IMAGES, 225_034);
    }

    @Override
    public BenchModel<?> mlp(long seed) {
        Graph graph = new Graph();
        Ops tf = Ops.create(graph);
        Random random = new Random(seed);
        Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 5)));
        Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        Operand<TFloat32> h = tf.nn.relu(dense(tf, random, x, 5, 64));
        Operand<TFloat32> logits = dense(tf, random, h, 64, 1);
        return new TfModel(graph, x, y, sigmoidCrossEntropy(tf, logits, y), tf.math.sigmoid(logits),
                TfModel.Layout.ROWS, 5 * 64 + 64 + 64 + 1);
    }

    @Override
    public BenchModel<?> textCnn(long seed) {
        Graph graph = new Graph();
        Ops tf = Ops.create(graph);
        Random random = new Random(seed);
        Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, BenchData.LENGTH)));
        Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
        Operand<TFloat32> table = variable(tf, uniform(random, BenchData.VOCABULARY * 16, 0.05f),
                BenchData.VOCABULARY, 16);
        Operand<TFloat32> words = tf.gather(table, ids, tf.constant(0));                  // [n, 56, 16]
        Operand<TFloat32> rows = tf.reshape(words, tf.constant(new int[]{-1, 1, BenchData.LENGTH, 16}));
        Operand<TFloat32> kernel = variable(tf, glorot(random, 5 * 16, 5 * 128, 5 * 16 * 128), 1, 5, 16, 128);
        Operand<TFloat32> conv = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(rows, kernel, UNIT_STRIDES, "VALID"),
                zeros(tf, 128)));                                                            // [n, 1, 52, 128]
        Operand<TFloat32> pooled = tf.reduceMax(conv, tf.constant(new int[]{1, 2}));       // [n, 128]
        Operand<TFloat32> logits = dense(tf, random, pooled, 128, 1);
        return new TfModel(graph, ids, y, sigmoidCrossEntropy(tf, logits, y), tf.math.sigmoid(logits),
                TfModel.Layout.IDS, BenchData.VOCABULARY * 16 + 5 * 16 * 128 + 128 + 128 + 1);
    }

    @Override
    public BenchModel<?> lstm(long seed) {
        throw new UnsupportedOperationException("the TensorFlow peer has no LSTM workload");
    }

    /** TensorFlow's own FLOAT matmul rate: the best of several 1024 x 1024 products in one session. */
    @Override
    public double matmulPeak() {
        int n = 1024;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Random random = new Random(1);
            Operand<TFloat32> product = tf.linalg.matMul(variable(tf, uniform(random, n * n, 1), n, n),
                    variable(tf, uniform(random, n * n, 1), n, n));
            try (Session session = new Session(graph, TfModel.config())) {
                session.initialize();
                double best = Double.MAX_VALUE;
                for (int i = -2; i < 5; i++) {
                    long t0 = System.nanoTime();
                    session.runner().addTarget(product).run().close();
                    best = i < 0 ? best : Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                return 2.0 * n * n * n / best / 1e9;
            }
        }
    }

    /** Conv2D(out, 3x3, VALID) + bias, relu, max pooling 2x2. */
    private static Operand<TFloat32> convBlock(Ops tf, Random random, Operand<TFloat32> x, int in, int out) {
        Operand<TFloat32> kernel = variable(tf, glorot(random, 9 * in, 9 * out, 9 * in * out), 3, 3, in, out);
        Operand<TFloat32> z = tf.nn.biasAdd(tf.nn.conv2d(x, kernel, UNIT_STRIDES, "VALID"), zeros(tf, out));
        return tf.nn.maxPool(tf.nn.relu(z), tf.constant(new int[]{1, 2, 2, 1}), tf.constant(new int[]{1, 2, 2, 1}),
                "VALID");
    }

    /** {@code x w + b} with a glorot_uniform {@code w [in, out]} and a zero {@code b}. */
    private static Operand<TFloat32> dense(Ops tf, Random random, Operand<TFloat32> x, int in, int out) {
        Operand<TFloat32> w = variable(tf, glorot(random, in, out, in * out), in, out);
        return tf.math.add(tf.linalg.matMul(x, w), zeros(tf, out));
    }

    /** Mean binary cross-entropy from logits, written stably: {@code max(z, 0) - z y + log1p(exp(-|z|))}. */
    private static Operand<TFloat32> sigmoidCrossEntropy(Ops tf, Operand<TFloat32> z, Operand<TFloat32> y) {
        Operand<TFloat32> perExample = tf.math.add(tf.math.sub(tf.math.maximum(z, tf.constant(0f)), tf.math.mul(z, y)),
                tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
        return tf.math.mean(perExample, tf.constant(new int[]{0, 1}));
    }

    private static Operand<TFloat32> variable(Ops tf, float[] values, long... shape) {
        return tf.variable(tf.constant(Shape.of(shape), DataBuffers.of(values, true, false)));
    }

    private static Operand<TFloat32> zeros(Ops tf, int n) {
        return variable(tf, new float[n], n);
    }

    /** Keras's glorot_uniform: uniform in +-sqrt(6 / (fanIn + fanOut)). */
    private static float[] glorot(Random random, int fanIn, int fanOut, int n) {
        return uniform(random, n, (float) Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    private static float[] uniform(Random random, int n, float limit) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (2 * random.nextFloat() - 1) * limit;
        }
        return out;
    }
}
