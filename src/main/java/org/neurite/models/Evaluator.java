package org.neurite.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.data.Dataset;
import org.neurite.layers.Node;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Tensor;

/** Batched inference: {@code evaluate} and {@code predict}, each batch in its own memory scope. */
final class Evaluator {
    private final Network model;

    Evaluator(Network model) {
        this.model = model;
    }

    Map<String, Double> evaluate(Compiled compiled, Dataset given, int batchSize) {
        Dataset data = DataChecks.labelled(model, compiled.loss(), given, "evaluate");
        try (RunningScores scores = new RunningScores(model, compiled, "evaluate");
             BatchIterator it = data.batches(batchSize, false, 0).iterator();
             var noGrad = Tensor.noGrad()) {
            while (it.hasNext()) {
                Batch batch = it.next();
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    LossStep.Result r = LossStep.compute(model, compiled.loss(), batch.inputs(), batch.targets(),
                            null, false);
                    scores.add(r, batch.targets(), batch.size());
                }
                batch.release();
            }
            MemoryScope.release("eval");
            return scores.logs();
        }
    }

    /** Every output of the model for {@code data}, one array per output. */
    List<INDArray> predict(Dataset given, int batchSize) {
        Dataset data = DataChecks.unlabelled(model, given, "predict");
        long n = data.size();
        Graph graph = model.graph();
        List<INDArray> results = new ArrayList<>();
        for (Node output : graph.outputs()) {
            results.add(Allocator.persistentZeros(model.dataType(), prepend(n, output.shape())));
        }
        long row = 0;
        try (BatchIterator it = data.batches(batchSize, false, 0).iterator();
             var noGrad = Tensor.noGrad()) {
            while (it.hasNext()) {
                Batch batch = it.next();
                try (MemoryScope scope = MemoryScope.open("predict")) {
                    List<Tensor> inputs = new ArrayList<>();
                    batch.inputs().forEach(x -> inputs.add(Tensor.constant(x)));
                    List<Tensor> outputs = graph.forward(inputs, false, null);
                    for (int i = 0; i < outputs.size(); i++) {
                        results.get(i).get(NDArrayIndex.interval(row, row + batch.size())).assign(outputs.get(i).value());
                    }
                }
                row += batch.size();
                batch.release();
            }
        }
        MemoryScope.release("predict");
        return results;
    }

    private static long[] prepend(long n, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
