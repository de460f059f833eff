package org.neurite.models;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Dataset;
import org.neurite.layers.Node;
import org.neurite.losses.Loss;

/**
 * Casts the arrays a model is given to the model's data type, as Keras casts its inputs: DOUBLE
 * features (what {@code Nd4j.create(double[][])} makes), INT or LONG ids, BOOL flags all reach the
 * layers as {@link Model#dataType()}. A dataset is cast once, before its batches are taken; arrays
 * that already have the model's type are passed on as they are (no copy).
 *
 * <p>Labels of a floating type are cast too, and integer labels as well except for sparse
 * categorical cross-entropy, whose class ids stay as given (the loss one-hot encodes them).
 */
final class InputTypes {
    /** The largest magnitude up to which every integer is exactly a FLOAT. */
    private static final double FLOAT_EXACT = 1 << 24;

    private InputTypes() {
    }

    /** {@code data} with every input and label array of the type the model computes in; {@code data} itself when all have it. */
    static Dataset cast(Network model, Loss loss, Dataset data, String operation) {
        List<INDArray> inputs = inputs(model, data.inputs(), operation);
        List<INDArray> targets = targets(model, loss, data.targets());
        if (same(inputs, data.inputs()) && same(targets, data.targets())) {
            return data;
        }
        if (targets.isEmpty()) {
            return Dataset.of(inputs);
        }
        return targets.size() == 1 ? Dataset.of(inputs, targets.get(0)) : Dataset.of(inputs, targets);
    }

    /** Every input array in the model's type (the same objects where they have it already). */
    static List<INDArray> inputs(Network model, List<INDArray> x, String operation) {
        DataType type = model.dataType();
        List<Node> nodes = model.graph().inputs();
        List<INDArray> out = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            INDArray a = x.get(i);
            if (a == null || a.dataType() == type) {
                out.add(a);
                continue;
            }
            String what = model.name() + "." + operation + ": input of layer '"
                    + (i < nodes.size() ? nodes.get(i).layer().name() : String.valueOf(i)) + "'";
            DataType from = a.dataType();
            if (!from.isFPType() && !from.isIntType() && from != DataType.BOOL) {
                throw new IllegalArgumentException(what + " must hold numbers, got " + from);
            }
            if (from.isIntType() && type == DataType.FLOAT && !a.isEmpty()) {
                double largest = a.amaxNumber().doubleValue();
                if (largest > FLOAT_EXACT) {
                    throw new IllegalArgumentException(what + " holds " + from + " values up to " + (long) largest
                            + ", which FLOAT (the model's type) cannot hold exactly beyond 2^24 = 16777216; "
                            + "ids or values that large need rescaling or smaller ids");
                }
            }
            out.add(castOutsideWorkspaces(a, type));
        }
        return out;
    }

    /** Every label array in the type the loss computes in (see the class comment). */
    static List<INDArray> targets(Network model, Loss loss, List<INDArray> y) {
        DataType type = model.dataType();
        boolean classIds = loss.name().equals("sparse_categorical_crossentropy");
        List<INDArray> out = new ArrayList<>(y.size());
        for (INDArray a : y) {
            boolean cast = a != null && a.dataType() != type
                    && (a.dataType().isFPType() || !classIds && (a.dataType().isIntType() || a.dataType() == DataType.BOOL));
            out.add(cast ? castOutsideWorkspaces(a, type) : a);
        }
        return out;
    }

    private static INDArray castOutsideWorkspaces(INDArray a, DataType type) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return a.castTo(type);
        }
    }

    /** Whether the two lists hold the same array objects (identity, not contents). */
    static boolean same(List<INDArray> a, List<INDArray> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
