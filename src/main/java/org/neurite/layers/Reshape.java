package org.neurite.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.neurite.tensor.Tensor;

/**
 * Reshapes each example to {@code targetShape}, as Keras {@code Reshape}:
 * {@code [N, ...] -> [N, targetShape...]}. One entry may be -1, inferred from the element count.
 *
 * <pre>{@code new Reshape(28, 28, 1)   // [N, 784] -> [N, 28, 28, 1]}</pre>
 */
public final class Reshape extends Layer {
    private final long[] targetShape;
    private long[] resolved;

    /** {@code targetShape}: positive sizes, at most one of them -1 (no batch dimension). */
    public Reshape(long... targetShape) {
        int unknown = 0;
        for (long d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                unknown = 2;
            }
        }
        if (targetShape.length == 0 || unknown > 1) {
            throw new IllegalArgumentException("Reshape: target shape needs positive sizes and at most one -1, got "
                    + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    /** The target shape as given (with its -1, if any). */
    public long[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected long[] onBuild(long[] inputShape) {
        resolved = resolve(inputShape);
        return resolved.clone();
    }

    private long[] resolve(long[] inputShape) {
        long total = product(inputShape);
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAt = i;
            } else {
                known *= targetShape[i];
            }
        }
        long[] out = targetShape.clone();
        if (unknownAt < 0 ? known != total : total % known != 0) {
            throw shapeError((unknownAt < 0 ? "with " + known + " elements" : "with a multiple of " + known
                    + " elements") + " (target shape " + Arrays.toString(targetShape) + ")", inputShape);
        }
        if (unknownAt >= 0) {
            out[unknownAt] = total / known;
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        long[] shape = x.shape();
        long[] example = shape.length == 0 ? shape : Arrays.copyOfRange(shape, 1, shape.length);
        if (shape.length == 0 || product(example) != product(resolved)) {
            throw shapeError("with " + product(resolved) + " elements (target shape "
                    + Arrays.toString(targetShape) + ")", example);
        }
        long[] out = new long[resolved.length + 1];
        out[0] = shape[0];
        System.arraycopy(resolved, 0, out, 1, resolved.length);
        return x.reshape(out);
    }

    private static long product(long[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        List<Long> target = new ArrayList<>();
        for (long d : targetShape) {
            target.add(d);
        }
        config.put("target_shape", target);
    }
}
