package org.neurite.layers;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.GradientBuffers;
import org.neurite.tensor.Tensor;

/**
 * One named weight of a layer (a kernel, a bias, a moving mean). Layers read it through
 * {@link Layer#tensor(Weight)}, so a model can move the value into a flat parameter buffer
 * ({@link #bind}) without the layer noticing.
 */
public final class Weight {
    private String name;
    private final boolean trainable;
    private final Regularizer regularizer;
    private INDArray value;
    private Tensor parameter;
    private Tensor constant;

    Weight(String name, INDArray value, boolean trainable, Regularizer regularizer) {
        this.name = name;
        this.trainable = trainable;
        this.regularizer = regularizer;
        setStorage(value, null);
    }

    public String name() {
        return name;
    }

    /** Renames the weight when a composite layer takes it over from a sublayer. */
    void rename(String newName) {
        this.name = newName;
    }

    /** False for state that is updated by the layer itself, not by the optimizer (moving statistics). */
    public boolean isTrainable() {
        return trainable;
    }

    public Regularizer regularizer() {
        return regularizer;
    }

    public INDArray value() {
        return value;
    }

    public long[] shape() {
        return value.shape();
    }

    /** The trainable tensor (records gradients). */
    public Tensor parameter() {
        return parameter;
    }

    Tensor tensor(boolean layerTrainable) {
        return trainable && layerTrainable ? parameter : constant;
    }

    /** Copies {@code newValue} into this weight, checking its shape. */
    public void assign(INDArray newValue, String owner) {
        if (!Arrays.equals(newValue.shape(), value.shape())) {
            throw new IllegalArgumentException(owner + ": weight '" + name + "' expects shape "
                    + Arrays.toString(value.shape()) + " but got " + Arrays.toString(newValue.shape()));
        }
        value.assign(newValue.castTo(value.dataType()));
    }

    /**
     * Moves this weight into {@code valueView} (its current value is copied there) with gradients
     * accumulating in {@code gradView}; both are typically views of a model's flat buffers.
     */
    public void bind(INDArray valueView, INDArray gradView) {
        valueView.assign(value);
        setStorage(valueView, gradView);
    }

    private void setStorage(INDArray v, INDArray gradView) {
        value = v;
        parameter = gradView == null ? Tensor.parameter(v) : GradientBuffers.parameter(v, gradView);
        constant = Tensor.constant(v);
    }
}
