package org.neurite.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.bool.MatchConditionTransform;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.neurite.data.Batch;
import org.neurite.data.ClassLabels;
import org.neurite.data.Dataset;
import org.neurite.layers.Layer;
import org.neurite.layers.Node;
import org.neurite.losses.Loss;
import org.neurite.tensor.MemoryScope;
import org.neurite.tensor.Native;

/**
 * Every check of inputs and labels before {@code fit}, {@code evaluate}, {@code predict} or
 * {@code trainOnBatch} touches them, in one place: one ND4J reduction per array, not one per
 * batch, with messages that name the model, the operation, the layer, what was expected and
 * what was found. The entry points also cast the data to the model's type once.
 */
final class DataChecks {
    private DataChecks() {
    }

    /** One batch's arrays, checked and in the model's type. */
    record Checked(List<INDArray> x, List<INDArray> y) {
    }

    /**
     * Checks a labelled dataset ({@code fit}, {@code evaluate}): shapes, then the cast to the
     * model's type (no copy when it has that type), then finite values, label count and ranges.
     */
    static Dataset labelled(Network model, Loss loss, Dataset given, String operation) {
        if (!given.hasLabels()) {
            throw new IllegalArgumentException(model.name() + ": " + operation + " needs labels, but the dataset has none");
        }
        shapes(model, given.inputs(), operation);
        Dataset data = InputTypes.cast(model, loss, given, operation);
        inputs(model, data.inputs(), operation);
        targetCount(model, data.targets(), operation);
        labels(model, loss, data.targets(), operation);
        return data;
    }

    /** Checks the inputs of {@code predict} and casts them to the model's type. */
    static Dataset unlabelled(Network model, Dataset given, String operation) {
        shapes(model, given.inputs(), operation);
        List<INDArray> cast = InputTypes.inputs(model, given.inputs(), operation);
        Dataset data = InputTypes.same(cast, given.inputs()) ? given : Dataset.of(cast);
        inputs(model, data.inputs(), operation);
        return data;
    }

    /** Checks one batch of {@code trainOnBatch}: shapes, row counts, types, finite values, label ranges. */
    static Checked batch(Network model, Loss loss, List<INDArray> givenX, List<INDArray> givenY, String operation) {
        shapes(model, givenX, operation);
        targetCount(model, givenY, operation);
        for (INDArray input : givenX) {
            for (INDArray labels : givenY) {
                if (labels == null || labels.rank() == 0 || labels.size(0) != input.size(0)) {
                    throw new IllegalArgumentException(model.name() + "." + operation + ": x has " + input.size(0)
                            + " rows but y has " + (labels == null ? "none" : labels.rank() == 0 ? "a scalar"
                            : labels.size(0)));
                }
            }
        }
        List<INDArray> x = InputTypes.inputs(model, givenX, operation);
        List<INDArray> y = InputTypes.targets(model, loss, givenY);
        try (MemoryScope checks = MemoryScope.open("checks")) {   // the checks' scalars are freed at once
            inputs(model, x, operation);
            labels(model, loss, y, operation);
        }
        return new Checked(x, y);
    }

    /**
     * Throws naming the input layer and the expected and found shapes unless {@code x} holds one
     * array {@code [n, ...shape]} per model input; builds a Sequential without Input first.
     */
    private static void shapes(Network model, List<INDArray> x, String operation) {
        model.ensureBuilt(x);
        List<Node> inputs = model.graph().inputs();
        if (x.size() != inputs.size()) {
            throw new IllegalArgumentException(model.name() + "." + operation + ": the model has " + inputs.size()
                    + " input(s) " + inputs.stream().map(n -> n.layer().name() + " " + batchShape(n.shape())).toList()
                    + " but got " + x.size() + " array(s)");
        }
        for (int i = 0; i < x.size(); i++) {
            INDArray a = x.get(i);
            long[] expected = inputs.get(i).shape();
            long[] found = Arrays.copyOfRange(a.shape(), 1, Math.max(1, a.rank()));
            if (a.rank() != expected.length + 1 || !Arrays.equals(found, expected)) {
                throw new IllegalArgumentException(model.name() + "." + operation + ": input of layer '"
                        + inputs.get(i).layer().name() + "' expected shape "
                        + batchShape(expected).replace("None", "batch") + " but found " + Arrays.toString(a.shape()));
            }
        }
    }

    private static String batchShape(long[] shape) {
        return "[None, " + Arrays.toString(shape).substring(1);
    }

    /** Throws unless every value of every input array is finite, naming the input layer. */
    private static void inputs(Network model, List<INDArray> x, String operation) {
        List<Node> inputs = model.graph().inputs();
        for (int i = 0; i < x.size(); i++) {
            finite(model, x.get(i), "input of layer '" + inputs.get(i).layer().name() + "'", operation);
        }
    }

    /** Throws unless every value of a floating-point {@code x} is finite; {@code what} names the array. */
    private static void finite(Network model, INDArray x, String what, String operation) {
        if (x == null || !x.dataType().isFPType() || x.isEmpty()) {
            return;
        }
        if (Double.isFinite(Native.call("reduce_sum", x)[0].getDouble(0))) {
            return;   // one cheap reduction: a NaN or infinity anywhere makes the sum non-finite
        }
        // the sum of finite values can still overflow, so count exactly before complaining: one
        // count per example (row), then the first bad row's values. BooleanIndexing.firstIndex over
        // the whole array named the wrong element for arrays of about 1,000 rows or more.
        INDArray c = contiguous(x);
        long n = c.size(0);
        INDArray rows = c.reshape('c', n, c.length() / n);
        long[] perRow = rows.size(1) == 1   // ND4J's reduction along an axis of length 1 fails: match each value
                ? Nd4j.getExecutioner().exec(new MatchConditionTransform(c.reshape('c', new long[]{n}), Conditions.notFinite()))
                        .castTo(DataType.LONG).toLongVector()
                : Nd4j.getExecutioner().exec(new MatchCondition(rows, Conditions.notFinite(), 1)).toLongVector();
        long bad = 0;
        int firstRow = -1;
        for (int r = 0; r < perRow.length; r++) {
            bad += perRow[r];
            if (firstRow < 0 && perRow[r] > 0) {
                firstRow = r;
            }
        }
        if (bad == 0) {
            return;
        }
        double[] values = rows.getRow(firstRow).toDoubleVector();   // one example's values
        int j = 0;
        while (j < values.length && Double.isFinite(values[j])) {
            j++;
        }
        long[] example = Arrays.copyOfRange(c.shape(), 1, c.rank());
        long[] at = new long[c.rank()];
        at[0] = firstRow;
        if (example.length > 0) {
            System.arraycopy(Shape.ind2subC(example, j), 0, at, 1, example.length);
        }
        throw new IllegalArgumentException(model.name() + "." + operation + ": " + what
                + " expected finite numbers but found " + bad + " NaN or infinite value(s) of " + x.length()
                + ", the first (" + values[j] + ") at example " + at[0] + ", index " + Arrays.toString(at));
    }

    /** {@code x} when its rows are laid out in 'c' order from its first element, else such a copy. */
    private static INDArray contiguous(INDArray x) {
        boolean plain = !x.isView() && x.ordering() == 'c' && x.offset() == 0 && Shape.hasDefaultStridesForShape(x);
        return plain ? x : x.dup('c');
    }

    /** Throws unless there is one label array per model output. */
    private static void targetCount(Network model, List<INDArray> y, String operation) {
        List<Node> outputs = model.graph().outputs();
        if (y.size() != outputs.size()) {
            throw new IllegalArgumentException(model.name() + "." + operation + ": the model has " + outputs.size()
                    + " output(s) " + outputs.stream().map(n -> n.layer().name()).toList() + " but got " + y.size()
                    + " label array(s); pass one per output, in order");
        }
    }

    /**
     * Checks finite labels and, for sparse categorical cross-entropy, that every label is a class
     * id its output layer has; {@code y} holds one label array per output.
     */
    private static void labels(Network model, Loss loss, List<INDArray> y, String operation) {
        List<Node> outputs = model.graph().outputs();
        for (int j = 0; j < y.size(); j++) {
            Layer layer = outputs.get(j).layer();
            INDArray labels = y.get(j);
            finite(model, labels, "labels for output layer '" + layer.name() + "'", operation);
            if (labels != null && loss.name().equals("sparse_categorical_crossentropy")) {
                long[] out = outputs.get(j).shape();
                ClassLabels.validate(labels, out[out.length - 1], model.name() + "." + operation
                        + ": labels for output layer '" + layer.name() + "' (" + loss.name() + ")");
            }
        }
    }

    /**
     * A batch of a streamed source (its data is never all in memory, so the checks made on a whole
     * dataset before training are made here on each batch, and an error names the batch):
     * {@code batch} in the model's type, checked; its arrays that had to be cast are freed, so a
     * stream leaves nothing behind.
     *
     * @param labels whether the operation needs labels (fit, evaluate) or ignores them (predict)
     */
    static Batch streamed(Network model, Compiled compiled, Batch batch, int index, boolean labels, String operation) {
        String where = operation + " (batch " + (index + 1) + ")";
        if (labels && batch.targets().isEmpty()) {
            throw new IllegalArgumentException(model.name() + "." + where + " needs labels, but the batch has none");
        }
        shapes(model, batch.inputs(), where);
        List<INDArray> x = InputTypes.inputs(model, batch.inputs(), where);
        List<INDArray> y = labels ? InputTypes.targets(model, compiled.loss(), batch.targets()) : batch.targets();
        try (MemoryScope checks = MemoryScope.open("checks")) {   // the checks' scalars are freed at once
            inputs(model, x, where);
            if (labels) {
                targetCount(model, y, where);
                labels(model, compiled.loss(), y, where);
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
