package org.neurite.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.layers.Layer;
import org.neurite.layers.Weight;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.GradientBuffers;
import org.neurite.tensor.Native;
import org.neurite.tensor.Tensor;

/**
 * All of a model's weights in one flat value buffer and one flat gradient buffer, each weight a
 * view. Zeroing gradients is one call, and save/load and fused optimizers see contiguous memory.
 */
final class ParameterStore {
    private final List<Layer> layers;
    private final INDArray values;
    private final INDArray grads;
    private final Tensor flat;

    ParameterStore(List<Layer> layers, DataType type) {
        this.layers = layers;
        long total = layers.stream().mapToLong(Layer::countParams).sum();
        this.values = Allocator.persistentZeros(type, Math.max(total, 1));
        this.grads = Allocator.persistentZeros(type, Math.max(total, 1));
        this.flat = GradientBuffers.parameter(values, grads);
        long offset = 0;
        for (Layer layer : layers) {
            for (Weight w : layer.weights()) {
                long n = w.value().length();
                INDArray v = view(values, offset, n, w.shape());
                INDArray g = view(grads, offset, n, w.shape());
                w.bind(v, g);
                offset += n;
            }
        }
    }

    private static INDArray view(INDArray flat, long offset, long n, long[] shape) {
        return flat.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', shape);
    }

    /** Sets every gradient to zero. */
    void zeroGrad() {
        Native.into("zeros_as", new INDArray[]{grads}, new INDArray[]{grads}, null, null, null);
        for (Layer layer : layers) {
            for (Weight w : layer.weights()) {
                GradientBuffers.markZeroed(w.parameter());   // lets backward write gradients in place
            }
        }
    }

    /** The parameters the optimizer updates: trainable weights of trainable layers. */
    List<Tensor> trainable() {
        List<Tensor> out = new ArrayList<>();
        forEachTrainable((layer, w) -> out.add(w.parameter()));
        return out;
    }

    /** The names ("layer/weight") of {@link #trainable()}, in the same order. */
    List<String> trainableNames() {
        List<String> out = new ArrayList<>();
        forEachTrainable((layer, w) -> out.add(layer.name() + "/" + w.name()));
        return out;
    }

    private void forEachTrainable(BiConsumer<Layer, Weight> action) {
        for (Layer layer : layers) {
            if (!layer.isTrainable()) {
                continue;
            }
            for (Weight w : layer.weights()) {
                if (w.isTrainable()) {
                    action.accept(layer, w);
                }
            }
        }
    }

    /**
     * What the optimizer should update: the whole flat buffer as one parameter when every weight is
     * trainable and the optimizer's rule is elementwise (one fused update per step instead of one
     * per weight), else the trainable weights one by one.
     */
    List<Tensor> optimizerTargets(boolean elementwise) {
        List<Tensor> trainable = trainable();
        long trainableCount = trainable.stream().mapToLong(t -> t.value().length()).sum();
        boolean all = trainableCount == values.length() && !trainable.isEmpty();
        return elementwise && all ? List.of(flat) : trainable;
    }

    INDArray values() {
        return values;
    }

    INDArray grads() {
        return grads;
    }
}
