package org.neurite.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/**
 * The fraction of elements where the thresholded prediction equals the target:
 * {@code yTrue == (yPred > threshold)}, as Keras's {@code binary_accuracy} (targets are compared
 * exactly, so use 0/1 targets). Default threshold 0.5, default name {@code "binary_accuracy"}.
 *
 * <p>Shapes: {@code yPred} {@code [N, ...]}, typically {@code [N, 1]}; {@code yTrue} the same
 * ({@code [N]} fits {@code [N, 1]}). With several columns every element counts once.
 */
public final class BinaryAccuracy extends RateMetric {
    private final double threshold;
    private INDArray thresholdArray;

    public BinaryAccuracy() {
        this(0.5);
    }

    public BinaryAccuracy(double threshold) {
        this("binary_accuracy", threshold);
    }

    /** @param name the name reported in logs (Keras reports {@code "accuracy"} when compiled with it) */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    /** The threshold as a DOUBLE scalar, made once and kept outside every workspace. */
    private INDArray thresholdArray() {
        if (thresholdArray == null) {
            thresholdArray = Allocator.persistentCopy(Nd4j.scalar(DataType.DOUBLE, threshold));
        }
        return thresholdArray;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public BinaryAccuracy fresh() {
        return new BinaryAccuracy(name(), threshold);
    }

    @Override
    protected INDArray matches(INDArray yTrue, INDArray yPred) {
        INDArray target = alignTo(yTrue, yPred, name());
        INDArray above = Native.call("greater", Native.cast(yPred, DataType.DOUBLE), thresholdArray())[0];
        return Native.call("equals", target, Native.cast(above, DataType.DOUBLE))[0];
    }
}
