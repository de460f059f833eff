package org.neurite.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.examples.MnistCnn;
import org.neurite.losses.Losses;
import org.neurite.models.Fit;
import org.neurite.models.Sequential;
import org.neurite.optimizers.Adam;

/** Scratch: RSS of the seed CNN over repeated trainOnBatch calls (mode "step") or fit epochs (mode "fit"). */
public final class StepMemory {
    private StepMemory() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "step";
        Nd4j.getRandom().setSeed(1);
        Sequential model = MnistCnn.seedCnn();
        model.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2000, 28, 28, 1);
        INDArray y = Nd4j.rand(DataType.FLOAT, 2000).muli(10).castTo(DataType.INT).castTo(DataType.FLOAT);
        if (mode.equals("step")) {
            INDArray xb = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32)).dup();
            INDArray yb = y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32)).dup();
            for (int i = 1; i <= 3000; i++) {
                model.trainOnBatch(xb, yb);
                if (i % 300 == 0) {
                    if (args.length > 1) {
                        System.gc();
                    }
                    System.out.printf("step %d RSS %.1f MiB  ND4J tracked %.1f MiB  JavaCPP pointers %d (%.1f MiB)%n", i,
                            Rss.current(), Nd4j.getMemoryManager().allocatedMemory(0) / 1048576.0,
                            org.bytedeco.javacpp.Pointer.totalCount(),
                            org.bytedeco.javacpp.Pointer.totalBytes() / 1048576.0);
                }
            }
        } else {
            Dataset data = Dataset.of(x, y);
            for (int e = 1; e <= 8; e++) {
                model.fit(data, Fit.epochs(1).batchSize(32).shuffle(false).verbose(0));
                System.out.printf("epoch %d RSS %.1f MiB%n", e, Rss.current());
            }
        }
    }
}
