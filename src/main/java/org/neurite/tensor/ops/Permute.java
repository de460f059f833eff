package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Op;

/** Reorders axes; backward applies the inverse permutation. */
public final class Permute extends Op {
    private final int[] axes;

    public Permute(int... axes) {
        this.axes = axes.clone();
    }

    @Override
    public INDArray forward(INDArray... in) {
        int[] sorted = Shapes.normalize(axes, in[0].rank());
        int[] check = sorted.clone();
        Arrays.sort(check);
        for (int i = 0; i < check.length; i++) {
            if (check[i] != i || check.length != in[0].rank()) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(axes)
                        + " is not a permutation of the axes of shape " + Arrays.toString(in[0].shape()));
            }
        }
        return in[0].permute(sorted).dup('c');
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        int[] normal = Shapes.normalize(axes, g.rank());
        int[] inverse = new int[normal.length];
        for (int i = 0; i < normal.length; i++) {
            inverse[normal[i]] = i;
        }
        return new INDArray[]{g.permute(inverse).dup('c')};
    }
}
