package org.neurite.models;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.data.Dataset;
import org.neurite.metrics.Metric;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

/** Batched inference: {@code evaluate} and {@code predict}, each batch in its own memory scope. */
final class Evaluator {
    private final Sequential model;

    Evaluator(Sequential model) {
        this.model = model;
    }

    Map<String, Double> evaluate(Sequential.Compiled compiled, Dataset data, int batchSize) {
        requireLabels(data, "evaluate");
        model.checkInput(data.features(), "evaluate");
        DataChecks.finite(model, data.features(), "input", "evaluate");
        DataChecks.labels(model, compiled.loss(), data.labels(), "evaluate");
        compiled.metrics().forEach(Metric::reset);
        double lossSum = 0;
        long seen = 0;
        try (BatchIterator it = data.batches(batchSize, false, 0).iterator();
             var noGrad = Tensor.noGrad()) {
            while (it.hasNext()) {
                Batch batch = it.next();
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    LossStep.Result r = LossStep.compute(model, compiled.loss(), batch.features(), batch.labels(),
                            null, false);
                    lossSum += r.loss().item() * batch.size();
                    seen += batch.size();
                    for (Metric m : compiled.metrics()) {
                        m.update(batch.labels(), r.predictions());
                    }
                }
                batch.release();
            }
        }
        MemoryScope.release("eval");
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / seen);
        compiled.metrics().forEach(m -> out.put(m.name(), m.result()));
        return out;
    }

    INDArray predict(Dataset data, int batchSize) {
        model.checkInput(data.features(), "predict");
        DataChecks.finite(model, data.features(), "input", "predict");
        long n = data.size();
        long[] shape = prepend(n, model.outputShape());
        INDArray result = Allocator.persistentZeros(model.dataType(), shape);
        long row = 0;
        try (BatchIterator it = data.batches(batchSize, false, 0).iterator();
             var noGrad = Tensor.noGrad()) {
            while (it.hasNext()) {
                Batch batch = it.next();
                try (MemoryScope scope = MemoryScope.open("predict")) {
                    Tensor out = model.forward(Tensor.constant(batch.features()), false, model.layers().size());
                    result.get(NDArrayIndex.interval(row, row + batch.size())).assign(out.value());
                }
                row += batch.size();
                batch.release();
            }
        }
        MemoryScope.release("predict");
        return result;
    }

    static void requireLabels(Dataset data, String operation) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException(operation + " needs labels, but the dataset has none");
        }
    }

    private static long[] prepend(long n, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
