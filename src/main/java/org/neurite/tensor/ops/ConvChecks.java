package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape and type checks shared by the convolutions, with messages naming both operands. */
final class ConvChecks {
    private ConvChecks() {
    }

    /**
     * Checks ranks, channels, bias and data types. The kernel is {@code [spatial..., inC, outC]};
     * {@code layout} describes the expected input layout, e.g. "[N,H,W,C]"; its length is the rank.
     */
    static void check(String op, INDArray x, String layout, int channelAxis, INDArray kernel, INDArray bias) {
        int rank = layout.split(",").length;
        if (x.rank() != rank) {
            throw new IllegalArgumentException(op + ": input must be rank " + rank + " " + layout + ", got "
                    + shape(x));
        }
        if (kernel.rank() != rank) {
            throw new IllegalArgumentException(op + ": kernel must be rank " + rank + ", got " + shape(kernel));
        }
        long inC = kernel.size(rank - 2);
        long outC = kernel.size(rank - 1);
        if (x.size(channelAxis) != inC) {
            throw new IllegalArgumentException(op + ": input " + shape(x) + " has " + x.size(channelAxis)
                    + " channels but kernel " + shape(kernel) + " expects " + inC);
        }
        if (bias != null && (bias.rank() != 1 || bias.size(0) != outC)) {
            throw new IllegalArgumentException(op + ": bias " + shape(bias) + " does not match kernel "
                    + shape(kernel) + ", which has " + outC + " output channels");
        }
        if (x.dataType() != kernel.dataType() || (bias != null && bias.dataType() != x.dataType())) {
            throw new IllegalArgumentException(op + ": input is " + x.dataType() + " but kernel is "
                    + kernel.dataType() + (bias == null ? "" : " and bias is " + bias.dataType()));
        }
    }

    static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }
}
