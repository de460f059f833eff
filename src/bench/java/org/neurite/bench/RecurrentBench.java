package org.neurite.bench;


import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.neurite.layers.Dense;
import org.neurite.layers.Embedding;
import org.neurite.layers.Input;
import org.neurite.layers.LSTM;
import org.neurite.losses.Losses;
import org.neurite.models.Sequential;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

/**
 * Scratch: the LSTM workload (Embedding 10000x32 -> LSTM(64) -> Dense(1, sigmoid), length 56,
 * batch 32, Adam 1e-3, synthetic ids) in Neurite and DL4J, samples/s, and the fused LSTM op's
 * forward and forward+backward time on [32, 56, 32] FLOAT. Run with OMP_NUM_THREADS=1.
 */
public final class RecurrentBench {
    private static final int BATCH = 32;
    private static final int LENGTH = 56;
    private static final int VOCABULARY = 10_000;

    private RecurrentBench() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        lstmOp(reps);
        lstmOp(reps);
        INDArray ids = Nd4j.rand(DataType.FLOAT, BATCH, LENGTH).muli(VOCABULARY - 1).castTo(DataType.INT)
                .castTo(DataType.FLOAT);
        INDArray labels = Nd4j.rand(DataType.FLOAT, BATCH, 1).gt(0.5).castTo(DataType.FLOAT);
        neurite(ids, labels, reps);
        dl4j(ids, labels, Math.max(5, reps / 5));
    }

    private static void lstmOp(int reps) {
        LSTM lstm = new LSTM(64);
        lstm.build(new long[]{LENGTH, 32});
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, LENGTH, 32);
        double fwd = median(reps, () -> {
            try (MemoryScope s = MemoryScope.open("fwd"); var g = Tensor.noGrad()) {
                lstm.forward(Tensor.constant(x), true).value().sumNumber();
            }
        });
        double both = median(reps, () -> {
            try (MemoryScope s = MemoryScope.open("fwdbwd")) {
                lstm.weights().forEach(w -> w.parameter().zeroGrad());
                Tensor xp = Tensor.parameter(x);
                lstm.forward(xp, true).sum().backward();
            }
        });
        System.out.printf("LSTM(64) op [32,56,32] FLOAT: forward %.2f ms, forward+backward %.2f ms (median of %d)%n",
                fwd, both, reps);
    }

    private static void neurite(INDArray ids, INDArray labels, int reps) {
        Nd4j.getRandom().setSeed(1);
        Sequential model = new Sequential(new Input(LENGTH), new Embedding(VOCABULARY, 32), new LSTM(64),
                new Dense(1, "sigmoid"));
        model.compile(new org.neurite.optimizers.Adam(1e-3), Losses.binaryCrossentropy());
        double ms = median(reps, () -> model.trainOnBatch(ids, labels));
        System.out.printf("Neurite workload step: %.2f ms, %.0f samples/s%n", ms, BATCH * 1000 / ms);
    }

    private static void dl4j(INDArray ids, INDArray labels, int reps) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(32).inputLength(LENGTH).build())
                .layer(new LastTimeStep(new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(32).nOut(64)
                        .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID).build()))
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(64).nOut(1).activation(Activation.SIGMOID)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet batch = new DataSet(ids, labels);
        double ms = median(reps, () -> net.fit(batch));
        System.out.printf("DL4J workload step: %.2f ms, %.0f samples/s%n", ms, BATCH * 1000 / ms);
    }

    private static double median(int reps, Runnable r) {
        for (int i = 0; i < Math.max(10, reps / 2); i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(t);
        return t[reps / 2];
    }

}
