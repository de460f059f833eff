package org.neurite.tensor.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;

/**
 * Fused softmax + categorical cross-entropy on logits, reduced to the (weighted) mean over rows.
 *
 * <p>Inputs: logits {@code z} of shape {@code [N, ..., K]} (classes on the last axis) and targets
 * {@code y} of the same shape. With {@code M} rows (every position but the class axis) and the
 * weight {@code w_i} of the row's example (1 without weights):
 * <pre>
 *   forward  L = sum_rows w_i * (-sum_k y_k * logSoftmax(z)_k) / M
 *   backward dL/dz = w_i * (softmax(z) * sum_k y_k - y) / M      (softmax(z) - y for one-hot rows)
 *            dL/dy = -w_i * logSoftmax(z) / M
 * </pre>
 * The log-softmax is computed with the max subtracted, so logits of any size give finite values.
 * Apply it with {@code Tensor.apply(new SoftmaxCrossEntropy(weights), logits, targets)}.
 */
public final class SoftmaxCrossEntropy extends Op {
    private final INDArray weights;
    /** libnd4j's loss reduction "mean by weight": with a unit weight, the batch mean. */
    private static final long MEAN_BY_WEIGHT = 2;
    private INDArray logSoftmax;
    private INDArray z;
    private INDArray y;
    private INDArray rowWeights;
    private long rows;

    /** @param weights per-example weights of shape {@code [N]}, or null for none */
    public SoftmaxCrossEntropy(INDArray weights) {
        this.weights = weights;
    }

    @Override
    public INDArray forward(INDArray... in) {
        INDArray z = in[0];
        y = in[1];
        if (weights == null && z.rank() == 2) {
            // one libnd4j kernel (stable for extreme logits); backward uses its _grad twin
            this.z = z;
            return Native.call("softmax_cross_entropy_loss", new INDArray[]{z, unitWeight(z), y},
                    new long[]{MEAN_BY_WEIGHT}, new double[]{0.0}, null)[0];
        }
        int classAxis = z.rank() - 1;
        rows = z.length() / z.size(classAxis);
        INDArray shifted = Native.call("subtract", z, z.max(true, classAxis))[0];
        INDArray logSum = Native.log(Native.exp(shifted, true).sum(true, classAxis), false);
        logSoftmax = Native.call("subtract", shifted, logSum)[0];
        INDArray rowLoss = Native.call("multiply", y, logSoftmax)[0].sum(true, classAxis).negi();
        rowWeights = FusedWeights.broadcastable(weights, z);
        if (rowWeights != null) {
            rowLoss = Native.call("multiply", rowLoss, rowWeights)[0];
        }
        return rowLoss.sum().divi(rows);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        if (logSoftmax == null) {
            INDArray dz = Native.call("softmax_cross_entropy_loss_grad", new INDArray[]{z, unitWeight(z), y},
                    new long[]{MEAN_BY_WEIGHT}, new double[]{0.0}, null)[0];
            double scale = g.getDouble(0);
            INDArray dy = needs.length > 1 && needs[1]
                    ? Native.log(Native.call("softmax", new INDArray[]{z}, new long[]{z.rank() - 1}, null, null)[0], false).negi().muli(scale / z.size(0)) : null;
            return new INDArray[]{needs[0] ? (scale == 1 ? dz : dz.muli(scale)) : null, dy};
        }
        int classAxis = logSoftmax.rank() - 1;
        double scale = g.getDouble(0) / rows;
        INDArray dz = null;
        INDArray dy = null;
        if (needs[0]) {
            INDArray softmax = Native.exp(logSoftmax, true);
            dz = Native.call("multiply", softmax, y.sum(true, classAxis))[0].subi(y);
            dz = FusedWeights.scale(dz, rowWeights, scale);
        }
        if (needs.length > 1 && needs[1]) {
            dy = FusedWeights.scale(logSoftmax.neg(), rowWeights, scale);
        }
        return new INDArray[]{dz, dy};
    }

    private static final Map<DataType, INDArray> UNIT_WEIGHTS = new ConcurrentHashMap<>();

    /** A scalar weight of 1 in {@code like}'s type: one shared, read-only array per type. */
    static INDArray unitWeight(INDArray like) {
        return UNIT_WEIGHTS.computeIfAbsent(like.dataType(), type -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.scalar(type, 1.0);
            }
        });
    }
}
