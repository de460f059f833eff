package org.neurite.bench;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
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

/**
 * DL4J's side of the comparison: the seed models as {@code MultiLayerNetwork}s the way its users
 * write them ({@code dataType(FLOAT)}, {@code Adam(1e-3)}, XAVIER initialisation, default
 * workspace mode), trained with {@code network.fit(DataSet)} per prepared batch. Images go in as
 * NCHW {@code [b, 1, 28, 28]} (DL4J's default layout) with one-hot labels; both are prepared before
 * timing, as Neurite's batches are.
 *
 * <pre>java -cp ... org.neurite.bench.Dl4jRunner --workload cnn32 [--data-root DIR --steps N ...]</pre>
 * Only in the Maven profile {@code bench}, which brings DL4J on Neurite's ND4J build.
 */
public final class Dl4jRunner implements Framework {
    private static final int CLASSES = 10;

    public static void main(String[] args) throws Exception {
        WorkloadRun.main(new Dl4jRunner(), args);
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public BenchModel<?> cnn(long seed) {
        MultiLayerConfiguration conf = base(seed).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        return new Model(network(conf), true);
    }

    @Override
    public BenchModel<?> mlp(long seed) {
        MultiLayerConfiguration conf = base(seed).list()
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build())
                .setInputType(InputType.feedForward(5))
                .build();
        return new Model(network(conf), false);
    }

    @Override
    public BenchModel<?> textCnn(long seed) {
        MultiLayerConfiguration conf = base(seed).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(BenchData.VOCABULARY).nOut(16)
                        .inputLength(BenchData.LENGTH).build())
                .layer(new Convolution1DLayer.Builder(5).nIn(16).nOut(128).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(128).nOut(1).activation(Activation.SIGMOID).build())
                .build();   // no setInputType: it would overwrite the embedding's nIn with the input's size (1)
        return new Model(network(conf), false);
    }

    /**
     * The LSTM text model as DL4J users write it. {@code EmbeddingSequenceLayer} turns ids
     * {@code [b, 56]} into {@code [b, 32, 56]} (its default output format, NCW), which is the layout
     * DL4J's {@code LSTM} expects by default (NCW); {@code LastTimeStep} keeps the LSTM's last step
     * {@code [b, 64]}, as Keras's LSTM without {@code return_sequences}; the output layer is a
     * feed-forward sigmoid with binary cross-entropy. DL4J's LSTM (no peepholes, unlike
     * {@code GravesLSTM}) has Keras's parameter count, 4 * (32 * 64 + 64 * 64 + 64) = 24,832, in its
     * own layout (input weights {@code [32, 256]}, recurrent {@code [64, 256]}, bias {@code [256]});
     * its forget-gate bias starts at 1, as Keras's {@code unit_forget_bias}.
     */
    @Override
    public BenchModel<?> lstm(long seed) {
        MultiLayerConfiguration conf = base(seed).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(BenchData.VOCABULARY).nOut(32)
                        .inputLength(BenchData.LENGTH).build())
                .layer(new LastTimeStep(new LSTM.Builder().nIn(32).nOut(64).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build()))
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(64).nOut(1).activation(Activation.SIGMOID).build())
                .build();   // no setInputType, as in textCnn: every nIn is given
        MultiLayerNetwork network = network(conf);
        StringBuilder layers = new StringBuilder();
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            layers.append(layers.length() == 0 ? "" : ", ").append(layer.getClass().getSimpleName()).append(' ')
                    .append(layer.numParams()).append(' ').append(layer.paramTable().keySet());
        }
        System.out.println("# dl4j lstm params: " + layers + "; total " + network.numParams());
        return new Model(network, false);
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER);
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    /**
     * A network and its batch conversion.
     *
     * @param images whether features are 28x28x1 images (turned into NCHW) with class-id labels
     *     (turned one-hot); otherwise both go in as they are
     */
    private record Model(MultiLayerNetwork network, boolean images) implements BenchModel<DataSet> {
        @Override
        public DataSet prepare(Examples batch) {
            return new DataSet(features(batch.features()), images ? oneHot(batch.labels()) : batch.labels());
        }

        @Override
        public void train(DataSet batch) {
            network.fit(batch);
        }

        @Override
        public double accuracy(Examples test) {
            List<INDArray> outputs = new ArrayList<>();
            for (Examples batch : test.chunks(32)) {
                outputs.add(network.output(features(batch.features())));
            }
            return Accuracy.of(Nd4j.vstack(outputs), test.labels());
        }

        @Override
        public long parameters() {
            return network.numParams();
        }

        private INDArray features(INDArray x) {
            return images ? x.reshape(x.size(0), 1, 28, 28) : x;
        }

        private static INDArray oneHot(INDArray classIds) {
            int[] ids = classIds.castTo(DataType.INT).toIntVector();
            INDArray out = Nd4j.zeros(DataType.FLOAT, ids.length, CLASSES);
            for (int i = 0; i < ids.length; i++) {
                out.putScalar(i, ids[i], 1f);
            }
            return out;
        }
    }
}
