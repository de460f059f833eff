package org.neurite.layers;

import java.util.Arrays;

import org.neurite.tensor.Tensor;

/** Flattens each example to one dimension: {@code [N, a, b, c] -> [N, a*b*c]}. */
public final class Flatten extends Layer {

    @Override
    protected long[] onBuild(long[] inputShape) {
        try {
            return new long[]{Arrays.stream(inputShape).reduce(1, Math::multiplyExact)};
        } catch (ArithmeticException e) {
            throw shapeError("with fewer than 2^63 values per example", inputShape);
        }
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return x.rank() == 2 ? x : x.flatten();
    }
}
