package org.neurite.optimizers;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.GradientBuffers;
import org.neurite.tensor.Tensor;

/** Fixed parameters (a 2x3 and a [4]) and a fixed sequence of gradients shared by the optimizer tests. */
final class Fixtures {
    static final long[][] SHAPES = {{2, 3}, {4}};
    static final double[][] INITIAL = {{0.5, -0.3, 0.8, -1.2, 0.05, 0.9}, {0.1, -0.2, 0.3, 0.0}};
    static final int STEPS = 10;

    private Fixtures() {
    }

    /** The gradient of variable {@code var} at step {@code t}, row-major; norms around 2-3, so clipping bites. */
    static double[] gradient(int t, int var) {
        double[] g = new double[INITIAL[var].length];
        for (int k = 0; k < g.length; k++) {
            g[k] = 1.5 * Math.sin(0.9 * k + 1.7 * t + 0.4 * var) + 0.2 * Math.cos(3.1 * k * t);
        }
        return g;
    }

    /** grads[t][var][k] for all steps. */
    static double[][][] gradients() {
        double[][][] g = new double[STEPS][INITIAL.length][];
        for (int t = 0; t < STEPS; t++) {
            for (int v = 0; v < INITIAL.length; v++) {
                g[t][v] = gradient(t, v);
            }
        }
        return g;
    }

    /** Fresh parameters of type {@code type}, each with a gradient buffer that {@link #setGradients} fills. */
    static List<Tensor> parameters(DataType type) {
        List<Tensor> params = new ArrayList<>();
        for (int v = 0; v < INITIAL.length; v++) {
            INDArray value = Nd4j.createFromArray(INITIAL[v]).castTo(type).reshape(SHAPES[v]);
            params.add(GradientBuffers.parameter(value, Nd4j.zeros(type, SHAPES[v])));
        }
        return params;
    }

    /** Writes step {@code t}'s gradients into the parameters' gradient buffers. */
    static void setGradients(List<Tensor> params, int t) {
        for (int v = 0; v < params.size(); v++) {
            params.get(v).grad().assign(Nd4j.createFromArray(gradient(t, v)).reshape(SHAPES[v]));
        }
    }

    /** The parameters' current values as [var][element] doubles, row-major. */
    static double[][] values(List<Tensor> params) {
        double[][] out = new double[params.size()][];
        for (int v = 0; v < params.size(); v++) {
            out[v] = params.get(v).value().dup('c').reshape(-1).toDoubleVector();
        }
        return out;
    }
}
