package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Op;

/** Same elements in a new shape (one dimension may be -1); backward reshapes the gradient back. */
public final class Reshape extends Op {
    private final long[] shape;
    private long[] inputShape;

    public Reshape(long... shape) {
        this.shape = shape.clone();
    }

    @Override
    public INDArray forward(INDArray... in) {
        inputShape = in[0].shape();
        long[] target = resolve(in[0]);
        return in[0].reshape('c', target);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return new INDArray[]{g.reshape('c', inputShape)};
    }

    private long[] resolve(INDArray x) {
        long known = 1;
        int free = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && free < 0) {
                free = i;
            } else if (shape[i] <= 0) {
                throw error(x);
            } else {
                known *= shape[i];
            }
        }
        long[] target = shape.clone();
        if (free >= 0) {
            if (known == 0 || x.length() % known != 0) {
                throw error(x);
            }
            target[free] = x.length() / known;
        } else if (known != x.length()) {
            throw error(x);
        }
        return target;
    }

    private IllegalArgumentException error(INDArray x) {
        return new IllegalArgumentException("reshape: cannot reshape " + Arrays.toString(x.shape())
                + " (" + x.length() + " elements) to " + Arrays.toString(shape));
    }
}
