package org.neurite.models;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.data.Batch;
import org.neurite.tensor.MemoryScope;

/**
 * The checks {@code fit}, {@code evaluate} and {@code predict} make on a whole {@link
 * org.neurite.data.Dataset} before they start, made on each batch of a streamed source instead
 * (its data is never all in memory): shapes, the number of label arrays, the cast to the model's
 * type, finite values and label ranges. An error names the batch.
 */
final class BatchChecks {
    private BatchChecks() {
    }

    /**
     * {@code batch} in the model's type, checked; its arrays that had to be cast are freed, so a
     * stream leaves nothing behind.
     *
     * @param labels whether the operation needs labels (fit, evaluate) or ignores them (predict)
     */
    static Batch prepare(Model model, Compiled compiled, Batch batch, int index, boolean labels, String operation) {
        String where = operation + " (batch " + (index + 1) + ")";
        if (labels && batch.targets().isEmpty()) {
            throw new IllegalArgumentException(model.name() + "." + where + " needs labels, but the batch has none");
        }
        DataChecks.shapes(model, batch.inputs(), where);
        List<INDArray> x = InputTypes.inputs(model, batch.inputs(), where);
        List<INDArray> y = labels ? InputTypes.targets(model, compiled.loss(), batch.targets()) : batch.targets();
        try (MemoryScope checks = MemoryScope.open("checks")) {   // the checks' scalars are freed at once
            DataChecks.inputs(model, x, where);
            if (labels) {
                DataChecks.targetCount(model, y, where);
                DataChecks.labels(model, compiled.loss(), y, where);
            }
        }
        if (InputTypes.same(x, batch.inputs()) && InputTypes.same(y, batch.targets())) {
            return batch;
        }
        Batch cast = new Batch(x, y, batch.sampleWeight());
        List<INDArray> replaced = new ArrayList<>();
        addReplaced(batch.inputs(), x, replaced);
        addReplaced(batch.targets(), y, replaced);
        if (!replaced.isEmpty()) {
            new Batch(replaced, List.of()).release();   // the originals of the cast arrays
        }
        return cast;
    }

    private static void addReplaced(List<INDArray> given, List<INDArray> used, List<INDArray> out) {
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) != null && given.get(i) != used.get(i)) {
                out.add(given.get(i));
            }
        }
    }
}
