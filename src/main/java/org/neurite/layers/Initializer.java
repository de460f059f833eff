package org.neurite.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Creates a weight's initial value. See {@link Initializers} for Keras's built-ins. */
@FunctionalInterface
public interface Initializer {
    INDArray create(DataType type, long... shape);

    /** The Keras name, for summaries and saved configs. */
    default String name() {
        return "custom";
    }
}
