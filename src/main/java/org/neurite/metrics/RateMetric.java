package org.neurite.metrics;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Native;

/**
 * A metric that is the fraction of matching elements over every batch seen: the accuracies. A
 * subclass returns, per batch, an array of 0/1 matches; this class sums them.
 */
public abstract class RateMetric implements Metric {
    private final String name;
    private double matched;
    private double total;

    protected RateMetric(String name) {
        this.name = name;
    }

    /** The 0/1 match of each element (or each example) of the batch, in any shape. */
    protected abstract INDArray matches(INDArray yTrue, INDArray yPred);

    @Override
    public final void update(INDArray yTrue, INDArray yPred) {
        INDArray hits = matches(yTrue, yPred);
        // through Native: a metric runs every step, and ND4J's INDArray methods build a new op each call
        INDArray asDouble = hits.dataType() == DataType.DOUBLE ? hits : Native.cast(hits, DataType.DOUBLE);
        matched += Native.reduce("sum", asDouble, false).getDouble(0);
        total += hits.length();
    }

    /** Matches divided by elements seen; 0 before any update. */
    @Override
    public final double result() {
        return total == 0 ? 0 : matched / total;
    }

    @Override
    public final void reset() {
        matched = 0;
        total = 0;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "=" + result();
    }

    /**
     * {@code yTrue} as DOUBLE with {@code yPred}'s shape: equal shapes, or {@code [N]} against
     * {@code [N, 1]} either way round (as Keras squeezes); otherwise an error naming {@code metric}.
     */
    static INDArray alignTo(INDArray yTrue, INDArray yPred, String metric) {
        long[] t = yTrue.shape();
        long[] p = yPred.shape();
        if (!Arrays.equals(t, p)) {
            boolean squeezed = t.length == p.length - 1 && p[p.length - 1] == 1 && Arrays.equals(t, Arrays.copyOf(p, t.length));
            boolean expanded = p.length == t.length - 1 && t[t.length - 1] == 1 && Arrays.equals(p, Arrays.copyOf(t, p.length));
            if (!squeezed && !expanded) {
                throw new IllegalArgumentException(metric + ": yTrue shape " + Arrays.toString(t)
                        + " does not match yPred shape " + Arrays.toString(p));
            }
            yTrue = yTrue.reshape(p);
        }
        return Native.cast(yTrue, DataType.DOUBLE);
    }

    /** The index of the largest value along {@code axis}, as DOUBLE. */
    static INDArray argMax(INDArray x, int axis) {
        return Native.cast(Native.call("argmax", new INDArray[]{x}, new long[]{axis}, null, null)[0], DataType.DOUBLE);
    }
}
