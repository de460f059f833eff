package org.neurite.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Native;

/** Scratch: ways to compute an embedding table's gradient (ms per call). */
public final class EmbeddingMicro {
    private EmbeddingMicro() {
    }

    public static void main(String[] args) {
        INDArray ids = Nd4j.rand(DataType.FLOAT, 1792).muli(9999).castTo(DataType.LONG);
        INDArray idsInt = ids.castTo(DataType.INT);
        INDArray rows = Nd4j.rand(DataType.FLOAT, 1792, 16);
        Micro.time("scatter_add lock", () -> {
            INDArray d = Nd4j.zeros(DataType.FLOAT, 10000, 16);
            return Native.into("scatter_add", new INDArray[]{d, ids, rows}, new INDArray[]{d}, null, null, new boolean[]{true});
        });
        Micro.time("scatter_add no lock", () -> {
            INDArray d = Nd4j.zeros(DataType.FLOAT, 10000, 16);
            return Native.into("scatter_add", new INDArray[]{d, ids, rows}, new INDArray[]{d}, null, null, new boolean[]{false});
        });
        Micro.time("scatter_add int ids lock", () -> {
            INDArray d = Nd4j.zeros(DataType.FLOAT, 10000, 16);
            return Native.into("scatter_add", new INDArray[]{d, idsInt, rows}, new INDArray[]{d}, null, null, new boolean[]{true});
        });
        Micro.time("unsorted_segment_sum", () -> Native.call("unsorted_segment_sum", new INDArray[]{rows, ids},
                new long[]{10000}, null, null)[0]);
        Micro.time("unsorted_segment_sum int", () -> Native.call("unsorted_segment_sum", new INDArray[]{rows, idsInt},
                new long[]{10000}, null, null)[0]);
        Micro.time("zeros 10000x16", () -> Nd4j.zeros(DataType.FLOAT, 10000, 16));
        Micro.time("zeros 10000x16 in scope", () -> {
            try (org.neurite.tensor.MemoryScope s = org.neurite.tensor.MemoryScope.open("m")) {
                return Nd4j.zeros(DataType.FLOAT, 10000, 16).sumNumber();
            }
        });
        Micro.time("scatter_add lock in scope", () -> {
            try (org.neurite.tensor.MemoryScope s = org.neurite.tensor.MemoryScope.open("m2")) {
                INDArray d = Nd4j.zeros(DataType.FLOAT, 10000, 16);
                Native.into("scatter_add", new INDArray[]{d, ids, rows}, new INDArray[]{d}, null, null, new boolean[]{true});
                return d.getDouble(0);
            }
        });
        INDArray pre = Nd4j.zeros(DataType.FLOAT, 10000, 16);
        Micro.time("scatter_add into preallocated", () -> Native.into("scatter_add", new INDArray[]{pre, ids, rows},
                new INDArray[]{pre}, null, null, new boolean[]{true}));
        Micro.time("assign 0 to preallocated", () -> pre.assign(0));
        INDArray cols = Nd4j.arange(0, 16).castTo(DataType.LONG).reshape(1, 16);
        INDArray flatIdx = ids.reshape(1792, 1).mul(16).add(cols).reshape(1792 * 16);
        INDArray flatRows = rows.reshape(1792 * 16);
        INDArray pre1 = Nd4j.zeros(DataType.FLOAT, 10000 * 16);
        Micro.time("element scatter_add 1-D", () -> Native.into("scatter_add", new INDArray[]{pre1, flatIdx, flatRows},
                new INDArray[]{pre1}, null, null, new boolean[]{true}));
        INDArray nd = ids.reshape(1792, 1);
        Micro.time("scatter_nd_add", () -> Native.into("scatter_nd_add", new INDArray[]{pre, nd, rows},
                new INDArray[]{pre}, null, null, new boolean[]{true}));
        Micro.time("scatter_nd_add nolock", () -> Native.into("scatter_nd_add", new INDArray[]{pre, nd, rows},
                new INDArray[]{pre}, null, null, new boolean[]{false}));
        INDArray table = Nd4j.rand(DataType.FLOAT, 10000, 16);
        INDArray elemIds = ids.reshape(1792, 1).mul(16).add(Nd4j.arange(0, 16).castTo(DataType.LONG).reshape(1, 16))
                .reshape(1792 * 16).castTo(DataType.INT);
        INDArray flatG = rows.reshape(1792 * 16);
        INDArray bins = Nd4j.create(DataType.FLOAT, 160000);
        Micro.time("bincount weighted into 160000", () -> Native.into("bincount", new INDArray[]{elemIds, flatG},
                new INDArray[]{bins}, new long[]{160000, 160000}, null, null));
        INDArray bc = Native.call("bincount", new INDArray[]{elemIds, flatG}, new long[]{160000, 160000, 5}, null, null)[0];
        INDArray sa = Native.call("scatter_add", new INDArray[]{Nd4j.zeros(DataType.FLOAT, 10000, 16), ids, rows}, null, null,
                new boolean[]{true})[0];
        System.out.println("bincount " + java.util.Arrays.toString(bc.shape()) + " " + bc.dataType() + " max diff vs scatter_add "
                + bc.reshape(10000, 16).castTo(DataType.FLOAT).sub(sa).amaxNumber());
        INDArray flatTable = table.reshape(160000);
        Micro.time("gather 1-D elements", () -> Native.call("gather", new INDArray[]{flatTable, elemIds}, new long[]{0}, null, null)[0]);
        INDArray target = Nd4j.zeros(DataType.FLOAT, 10000, 16);
        INDArray idsI = ids.castTo(DataType.INT);
        Micro.time("Nd4j.scatterUpdate ADD (legacy, as DL4J)", () -> {
            Nd4j.scatterUpdate(org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate.UpdateOp.ADD, target, idsI, rows, 1);
            return target;
        });
        INDArray t2 = Nd4j.zeros(DataType.FLOAT, 10000, 16);
        Nd4j.scatterUpdate(org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate.UpdateOp.ADD, t2, idsI, rows, 1);
        INDArray ref = Native.call("scatter_add", new INDArray[]{Nd4j.zeros(DataType.FLOAT, 10000, 16), ids, rows}, null, null,
                new boolean[]{true})[0];
        System.out.println("scatterUpdate max diff vs scatter_add " + t2.sub(ref).amaxNumber());
        INDArray flatBuffer = Nd4j.zeros(DataType.FLOAT, 170_497);
        INDArray view = flatBuffer.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 160_000)).reshape('c', 10000, 16);
        Micro.time("Nd4j.scatterUpdate ADD into a view of a flat buffer", () -> {
            Nd4j.scatterUpdate(org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate.UpdateOp.ADD, view, idsI, rows, 1);
            return view;
        });
        INDArray reshaped = Nd4j.rand(DataType.FLOAT, 32, 56, 16).reshape('c', 1792, 16);
        Micro.time("Nd4j.scatterUpdate ADD, updates a reshaped [32,56,16]", () -> {
            Nd4j.scatterUpdate(org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate.UpdateOp.ADD, target, idsI, reshaped, 1);
            return target;
        });
        Micro.time("gather", () -> Native.call("gather", new INDArray[]{table, ids}, new long[]{0}, null, null)[0]);
        INDArray a = Native.call("scatter_add", new INDArray[]{Nd4j.zeros(DataType.FLOAT, 10000, 16), ids, rows}, null, null,
                new boolean[]{true})[0];
        INDArray b = Native.call("unsorted_segment_sum", new INDArray[]{rows, ids}, new long[]{10000}, null, null)[0];
        System.out.println("max diff " + a.sub(b).amaxNumber());
    }
}
