package org.neurite.tensor.ops;

import static org.neurite.tensor.ops.SequenceKernels.add;
import static org.neurite.tensor.ops.SequenceKernels.mul;
import static org.neurite.tensor.ops.SequenceKernels.reverseTime;
import static org.neurite.tensor.ops.SequenceKernels.sub;
import static org.neurite.tensor.ops.StepViews.at;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;

/** The step masks and dropout masks of the recurrent sequence ops. */
final class SequenceMasks {

    private SequenceMasks() {
    }

    /**
     * The step mask {@code [N, T]} as one {@code [N, 1]} column per step, of type {@code type}, in
     * processing order (reversed for {@code reverse}).
     */
    static INDArray[] stepColumns(INDArray mask, DataType type, int steps, int n, boolean reverse) {
        INDArray columns = Allocator.empty(type, steps, n, 1);
        columns.reshape('c', steps, n).assign(mask.dataType() == type ? mask.transpose() : mask.castTo(type).transpose());
        if (reverse) {
            columns = reverseTime(columns);
        }
        INDArray[] cols = new INDArray[steps];
        for (int s = 0; s < steps; s++) {
            cols[s] = at(columns, s);
        }
        return cols;
    }

    /** {@code next = prev + m (next - prev)}: the state is kept where the step is masked. */
    static void carry(INDArray prev, INDArray next, INDArray m, INDArray tmp) {
        sub(next, prev, tmp);
        mul(tmp, m, tmp);
        add(prev, tmp, next);
    }

    /**
     * A dropout mask {@code [rows, width]}: 0 with probability {@code rate}, else {@code 1/(1-rate)},
     * drawn from {@code Nd4j.getRandom()}.
     */
    static INDArray dropoutMask(DataType type, long rows, long width, double rate) {
        INDArray mask = Allocator.empty(type, rows, width).assign(1);
        Native.legacy(new DropOutInverted(mask, 1 - rate));
        return mask;
    }
}
