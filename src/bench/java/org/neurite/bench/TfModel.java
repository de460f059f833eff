package org.neurite.bench;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One TensorFlow Java graph as the harness drives it: the train op is Adam(1e-3)'s
 * {@code minimize(loss)} (gradients through {@code Graph.addGradients}), run once per step with the
 * batch's tensors fed, which are made from the harness's arrays before any timing.
 */
final class TfModel implements BenchModel<TfModel.Batch> {
    /** How the harness's features become the graph's input tensor. */
    enum Layout {
        /** {@code [n, 28, 28, 1]} FLOAT images; labels are class ids, fed as INT32 {@code [n]}. */
        IMAGES,
        /** {@code [n, 5]} FLOAT rows; 0/1 labels {@code [n, 1]} FLOAT. */
        ROWS,
        /** {@code [n, 56]} word ids, fed as INT32; 0/1 labels {@code [n, 1]} FLOAT. */
        IDS
    }

    /** A batch's fed tensors; kept open for the whole run, as the harness reuses prepared batches. */
    record Batch(Tensor features, Tensor labels) {
    }

    private final Session session;
    private final Operand<?> input;
    private final Operand<?> target;
    private final Op train;
    private final Operand<TFloat32> output;
    private final Layout layout;
    private final long parameters;

    TfModel(Graph graph, Operand<?> input, Operand<?> target, Operand<TFloat32> loss, Operand<TFloat32> output,
            Layout layout, long parameters) {
        this.train = new org.tensorflow.framework.optimizers.Adam(graph, 0.001f).minimize(loss);
        this.session = new Session(graph, config());
        this.session.initialize();
        this.input = input;
        this.target = target;
        this.output = output;
        this.layout = layout;
        this.parameters = parameters;
    }

    /** TensorFlow's defaults, or {@code OMP_NUM_THREADS} intra-op threads (inter-op 1) when that is set. */
    static ConfigProto config() {
        String threads = System.getenv("OMP_NUM_THREADS");
        if (threads == null || threads.isBlank()) {
            return ConfigProto.newBuilder().build();
        }
        int n = Integer.parseInt(threads.strip());
        return ConfigProto.newBuilder().setIntraOpParallelismThreads(n).setInterOpParallelismThreads(1).build();
    }

    @Override
    public Batch prepare(Examples batch) {
        return new Batch(features(batch.features()), labels(batch.labels()));
    }

    @Override
    public void train(Batch batch) {
        try (Result ignored = session.runner().feed(input, batch.features()).feed(target, batch.labels())
                .addTarget(train).run()) {
            // the train op has no outputs; the result is closed so that nothing accumulates
        }
    }

    @Override
    public double accuracy(Examples test) {
        List<INDArray> outputs = new ArrayList<>();
        for (Examples chunk : test.chunks(32)) {
            try (Tensor x = features(chunk.features());
                 Result result = session.runner().feed(input, x).fetch(output).run()) {
                TFloat32 out = (TFloat32) result.get(0);
                long[] shape = out.shape().asArray();
                float[] values = new float[(int) out.shape().size()];
                out.copyTo(DataBuffers.of(values, false, false));
                outputs.add(Nd4j.create(values, shape));
            }
        }
        return Accuracy.of(Nd4j.vstack(outputs), test.labels());
    }

    @Override
    public long parameters() {
        return parameters;
    }

    private Tensor features(INDArray x) {
        if (layout == Layout.IDS) {
            return ints(x.castTo(DataType.INT).dup().data().asInt(), x.shape());
        }
        float[] values = x.dup().data().asFloat();
        long[] shape = layout == Layout.IMAGES ? new long[]{x.size(0), 28, 28, 1} : x.shape();
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    private Tensor labels(INDArray y) {
        if (layout == Layout.IMAGES) {
            return ints(y.castTo(DataType.INT).dup().data().asInt(), new long[]{y.length()});
        }
        return TFloat32.tensorOf(Shape.of(y.size(0), 1), DataBuffers.of(y.dup().data().asFloat(), true, false));
    }

    private static Tensor ints(int[] values, long[] shape) {
        return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }
}
