package org.neurite.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/** Scratch: the text CNN's conv1d forward and backward with and without oneDNN, and row gathers (ms per call). */
public final class ConvMicro {
    private ConvMicro() {
    }

    public static void main(String[] args) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 56, 16);
        INDArray w = Nd4j.rand(DataType.FLOAT, 5, 16, 128);
        INDArray b = Nd4j.rand(DataType.FLOAT, 128);
        INDArray y = Nd4j.create(DataType.FLOAT, 32, 52, 128);
        INDArray g = Nd4j.rand(DataType.FLOAT, 32, 52, 128);
        INDArray dx = Nd4j.create(DataType.FLOAT, 32, 56, 16);
        INDArray dw = Nd4j.create(DataType.FLOAT, 5, 16, 128);
        INDArray db = Nd4j.create(DataType.FLOAT, 128);
        // kernel, stride, padding, dilation? no: kW, sW, pW, dW, paddingMode (0 valid), dataFormat (0 NWC)
        long[] iargs = {5, 1, 0, 1, 0, 1};
        for (boolean helpers : new boolean[]{true, false}) {
            OpContext f = Nd4j.getExecutioner().buildContext();
            f.allowHelpers(helpers);
            f.setInputArrays(x, w, b);
            f.setOutputArrays(y);
            f.setIArguments(iargs);
            DynamicCustomOp fop = new DynamicCustomOp("conv1d", new INDArray[0], new INDArray[0]);
            Micro.time("conv1d helpers=" + helpers, () -> Nd4j.getExecutioner().exec(fop, f));
            OpContext bctx = Nd4j.getExecutioner().buildContext();
            bctx.allowHelpers(helpers);
            bctx.setInputArrays(x, w, b, g);
            bctx.setOutputArrays(dx, dw, db);
            bctx.setIArguments(iargs);
            DynamicCustomOp bop = new DynamicCustomOp("conv1d_bp", new INDArray[0], new INDArray[0]);
            Micro.time("conv1d_bp helpers=" + helpers, () -> Nd4j.getExecutioner().exec(bop, bctx));
        }
        INDArray table = Nd4j.rand(DataType.FLOAT, 10000, 16);
        INDArray ids = Nd4j.rand(DataType.FLOAT, 1792).muli(9999).castTo(DataType.INT);
        int[] javaIds = ids.toIntVector();
        Micro.time("gather rows", () -> Nd4j.exec(new DynamicCustomOp("gather", new INDArray[]{table, ids},
                new INDArray[0]))[0]);
        Micro.time("pullRows (Java int[] ids)", () -> Nd4j.pullRows(table, 1, javaIds));
        Micro.time("ids.toIntVector()", () -> ids.toIntVector());
    }
}
