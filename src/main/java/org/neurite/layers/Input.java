package org.neurite.layers;

import java.util.Arrays;
import java.util.Map;

import org.neurite.tensor.Tensor;

/**
 * Declares the shape of one example (no batch dimension): {@code new Input(28, 28, 1)} for
 * channels-last images, {@code new Input(5)} for five features. The first layer of a Sequential;
 * {@link #of} makes the symbolic input of a functional model.
 */
public final class Input extends Layer {
    private final long[] shape;

    public Input(long... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("Input: every dimension must be positive, got " + Arrays.toString(shape));
        }
        long size = 1;
        for (long d : shape) {
            if (size > Long.MAX_VALUE / d) {
                throw new IllegalArgumentException("Input: an example of shape " + Arrays.toString(shape)
                        + " has more than 2^63 - 1 values");
            }
            size *= d;
        }
        this.shape = shape.clone();
    }

    /**
     * A symbolic model input of per-example {@code shape} (the batch dimension is implied), the
     * start of a functional model: {@code Node in = Input.of(28, 28, 1);}
     */
    public static Node of(long... shape) {
        return new Input(shape).node();
    }

    /** {@link #of(long...)} with a layer name (the model's input names, as in saved files). */
    public static Node of(String name, long... shape) {
        Input input = new Input(shape);
        input.name(name);
        return input.node();
    }

    /** The symbolic tensor this input stands for in a model (made on first use). */
    public Node node() {
        return nodes().isEmpty() ? inputNode(shape) : nodes().get(0);
    }

    /** The declared per-example shape. */
    public long[] shape() {
        return shape.clone();
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        if (!Arrays.equals(inputShape, shape)) {
            throw shapeError(Arrays.toString(shape), inputShape);
        }
        return shape.clone();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return x;
    }

    @Override
    public String className() {
        return "InputLayer";
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("batch_shape", batchShape());
    }

    private Object[] batchShape() {
        Object[] out = new Object[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
            out[i + 1] = shape[i];
        }
        return out;
    }
}
