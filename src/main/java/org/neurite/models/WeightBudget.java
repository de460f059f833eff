package org.neurite.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Initializer;

/**
 * Guards the layers a model file describes while they are built: each weight a layer asks for
 * must have the shape of one of that layer's arrays in the file (each used once), and is created
 * as zeros (the file's values replace it). So a damaged or hostile config can neither make the
 * loader allocate more than the file holds nor build weights the file cannot fill, and the error
 * names the layer. Once disarmed the layers' own initializers work again.
 */
final class WeightBudget {
    private final Map<String, List<long[]>> shapes = new HashMap<>();
    private boolean armed = true;

    /** A budget of the arrays in {@code tensors}, named "layer/weight". */
    WeightBudget(Map<String, INDArray> tensors) {
        tensors.forEach((name, value) -> {
            int slash = name.indexOf('/');
            if (slash > 0) {
                shapes.computeIfAbsent(name.substring(0, slash), k -> new ArrayList<>()).add(value.shape());
            }
        });
    }

    void disarm() {
        armed = false;
    }

    /** The initializer wrapper for the layer called {@code layer}. */
    UnaryOperator<Initializer> forLayer(String layer) {
        return init -> new Initializer() {
            @Override
            public INDArray create(DataType type, long... shape) {
                return armed ? take(layer, type, shape) : init.create(type, shape);
            }

            @Override
            public String name() {
                return init.name();
            }
        };
    }

    private INDArray take(String layer, DataType type, long[] shape) {
        List<long[]> left = shapes.getOrDefault(layer, List.of());
        for (int i = 0; i < left.size(); i++) {
            if (Arrays.equals(left.get(i), shape)) {
                left.remove(i);
                return Nd4j.zeros(type, shape);
            }
        }
        throw new IllegalArgumentException("layer '" + layer + "': the saved architecture needs a weight of shape "
                + Arrays.toString(shape) + " but the file's other weights of this layer have shapes "
                + left.stream().map(Arrays::toString).toList());
    }
}
