package org.neurite.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Functional;
import org.neurite.tensor.Tensor;

/**
 * Joins two or more inputs along one axis, as Keras {@code Concatenate}; all other sizes must
 * match. The axis counts the batch axis as Keras does: on {@code [N, steps, features]} inputs axis
 * 1 is the steps and -1 (the default) the features; the batch axis 0 cannot be chosen.
 *
 * <p>Masks: joined along the step axis (axis 1) the output's step mask is the inputs' masks joined
 * in the same order (an input without a mask counts as all steps real); along any other axis it
 * is the logical AND of the inputs' masks. Null when no input has a mask.
 *
 * <pre>{@code Node both = new Concatenate().apply(left, right);   // [None, 8] and [None, 4] -> [None, 12]}</pre>
 */
public final class Concatenate extends Merge {
    private final int axis;

    /** Joins along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Joins along {@code axis}, counted with the batch axis (negative: from the end). */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    protected long[] mergeShapes(List<long[]> inputShapes) {
        int dim = check(inputShapes, false);
        long[] out = inputShapes.get(0).clone();
        out[dim - 1] = inputShapes.stream().mapToLong(s -> s[dim - 1]).sum();
        return out;
    }

    @Override
    public Tensor forward(List<Tensor> inputs, boolean training) {
        List<long[]> shapes = shapes(inputs);
        requireInputCount(inputs.size(), shapes);
        int dim = check(shapes, true);
        return Functional.concat(dim, inputs.toArray(Tensor[]::new));
    }

    /**
     * Checks ranks and the sizes off the joining axis; returns that axis counted with the batch
     * axis. {@code batch}: the shapes include the batch axis (in forward) rather than not (in build).
     */
    private int check(List<long[]> shapes, boolean batch) {
        int rank = shapes.get(0).length + (batch ? 0 : 1);
        for (long[] s : shapes) {
            if (s.length + (batch ? 0 : 1) != rank) {
                throw error("inputs must all have the same rank", shapes);
            }
        }
        int dim = axis < 0 ? axis + rank : axis;
        if (dim < 1 || dim >= rank) {
            throw error("axis " + axis + " is out of range for inputs of rank " + rank
                    + " (counting the batch axis, which cannot be joined)", shapes);
        }
        int offset = batch ? 0 : 1;
        long[] first = shapes.get(0);
        for (long[] s : shapes) {
            for (int d = 0; d < s.length; d++) {
                if (d + offset != dim && s[d] != first[d]) {
                    throw error("inputs must have the same sizes except along axis " + axis, shapes);
                }
            }
        }
        return dim;
    }

    @Override
    protected INDArray computeMask(List<Tensor> inputs) {
        int rank = inputs.get(0).rank();
        int dim = axis < 0 ? axis + rank : axis;
        if (dim != 1) {
            return andMasks(inputs);
        }
        INDArray first = null;
        for (Tensor t : inputs) {
            if (t.mask() != null) {
                first = t.mask();
                break;
            }
        }
        if (first == null) {
            return null;
        }
        List<INDArray> parts = new ArrayList<>();
        for (Tensor t : inputs) {
            parts.add(t.mask() != null ? t.mask().castTo(first.dataType())
                    : Nd4j.ones(first.dataType(), t.size(0), t.size(1)));
        }
        return Nd4j.concat(1, parts.toArray(INDArray[]::new));
    }

    @Override
    protected void writeConfig(Map<String, Object> config) {
        config.put("axis", axis);
    }
}
