package org.neurite.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.data.Batch;
import org.neurite.data.BatchIterator;
import org.neurite.data.BatchSource;
import org.neurite.data.Dataset;
import org.neurite.data.Rows;
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
        return scores(compiled, data.batches(batchSize, false, 0).iterator(), (batch, index) -> batch);
    }

    /** The loss and metrics over one pass of {@code source}, each batch checked as it arrives. */
    Map<String, Double> evaluate(Compiled compiled, BatchSource source) {
        return scores(compiled, source.batches(0),
                (batch, index) -> DataChecks.streamed(model, compiled, batch, index, true, "evaluate"));
    }

    private Map<String, Double> scores(Compiled compiled, BatchIterator batches, BiFunction<Batch, Integer, Batch> prepare) {
        int index = 0;
        try (RunningScores scores = new RunningScores(model, compiled, "evaluate");
             BatchIterator it = batches;
             var noGrad = Tensor.noGrad()) {
            while (it.hasNext()) {
                Batch batch = prepare.apply(it.next(), index++);
                try (MemoryScope scope = MemoryScope.open("eval")) {
                    LossStep.Result r = LossStep.compute(model, compiled.loss(), batch.inputs(), batch.targets(),
                            batch.sampleWeight(), false);
                    scores.add(r, batch.targets(), batch.size());
                }
                batch.release();
            }
            MemoryScope.release("eval");
            if (index == 0) {
                throw new IllegalArgumentException(model.name() + ".evaluate: the batch source gave no batches");
            }
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
        long[] row = {0};
        forward(data.batches(batchSize, false, 0).iterator(), (batch, index) -> batch, (batch, outputs) -> {
            for (int i = 0; i < outputs.size(); i++) {
                results.get(i).get(NDArrayIndex.interval(row[0], row[0] + batch.size())).assign(outputs.get(i));
            }
            row[0] += batch.size();
        });
        return results;
    }

    /**
     * Every output of the model for the batches of {@code source}, one array per output, joined
     * in order at the end (the outputs are in memory; the inputs never are all at once).
     */
    List<INDArray> predict(BatchSource source) {
        List<List<INDArray>> parts = new ArrayList<>();
        model.graph().outputs().forEach(o -> parts.add(new ArrayList<>()));
        int batches = forward(source.batches(0),
                (batch, index) -> DataChecks.streamed(model, null, batch, index, false, "predict"), (batch, outputs) -> {
                    for (int i = 0; i < outputs.size(); i++) {
                        parts.get(i).add(Allocator.persistentCopy(outputs.get(i)));
                    }
                });
        if (batches == 0) {
            throw new IllegalArgumentException(model.name() + ".predict: the batch source gave no batches");
        }
        List<INDArray> results = new ArrayList<>();
        for (List<INDArray> part : parts) {
            results.add(part.size() == 1 ? part.get(0) : Rows.detached(() -> Nd4j.concat(0, part.toArray(new INDArray[0]))));
            if (part.size() > 1) {
                part.forEach(INDArray::close);
            }
        }
        return results;
    }

    /**
     * The model's outputs for each batch of {@code batches}, prepared by {@code prepare}, handed
     * to {@code sink} inside the batch's memory scope (copy what must outlive it); the number of batches.
     */
    private int forward(BatchIterator batches, BiFunction<Batch, Integer, Batch> prepare,
                        BiConsumer<Batch, List<INDArray>> sink) {
        Graph graph = model.graph();
        int index = 0;
        try (BatchIterator it = batches;
             var noGrad = Tensor.noGrad()) {
            while (it.hasNext()) {
                Batch batch = prepare.apply(it.next(), index++);
                try (MemoryScope scope = MemoryScope.open("predict")) {
                    List<Tensor> inputs = new ArrayList<>();
                    batch.inputs().forEach(x -> inputs.add(Tensor.constant(x)));
                    List<INDArray> outputs = new ArrayList<>();
                    graph.forward(inputs, false, null).forEach(t -> outputs.add(t.value()));
                    sink.accept(batch, outputs);
                }
                batch.release();
            }
        }
        MemoryScope.release("predict");
        return index;
    }

    private static long[] prepend(long n, long[] shape) {
        long[] out = new long[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
