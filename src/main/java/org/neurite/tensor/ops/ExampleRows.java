package org.neurite.tensor.ops;

import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;
import org.neurite.tensor.PerExampleGradient;

/**
 * Per-example gradients held whole: row {@code i} of {@code rows [n, len]} is example i's
 * gradient, in an order that {@code layout} turns into the parameter's (applied to the summed
 * {@code [len]} vector, not to every row).
 */
final class ExampleRows implements PerExampleGradient {
    private final INDArray rows;
    private final UnaryOperator<INDArray> layout;

    ExampleRows(INDArray perExample, UnaryOperator<INDArray> layout) {
        INDArray c = ConvKernels.contiguous(perExample);
        this.rows = c.reshape('c', c.size(0), c.length() / c.size(0));
        this.layout = layout;
    }

    /** Rows already in the parameter's order. */
    ExampleRows(INDArray perExample) {
        this(perExample, sum -> sum);
    }

    @Override
    public INDArray squaredNorms() {
        INDArray norms = rows.norm2(1);
        return norms.muli(norms);
    }

    @Override
    public void addWeightedSum(INDArray weights, INDArray into) {
        INDArray sum = Native.gemm(weights.reshape(1, rows.size(0)).castTo(rows.dataType()), rows, false, false);
        into.addi(layout.apply(sum.reshape(sum.length())).reshape(into.shape()));
    }
}
