package org.neurite.optimizers;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.tensor.Allocator;

/**
 * An optimizer's state for one parameter: named slots (Adam's {@code m} and {@code v}, SGD's
 * {@code momentum}, ...) that are saved and restored, and scratch buffers that are not.
 *
 * <p>Every array has the parameter's shape and data type, is created on first use and lives
 * outside any memory workspace, so it survives the per-step scopes and is reused every step.
 */
public final class ParameterState {
    private final DataType dataType;
    private final long[] shape;
    private final Map<String, INDArray> slots = new LinkedHashMap<>();
    private final Map<String, INDArray> scratch = new HashMap<>(4);

    ParameterState(INDArray parameter) {
        this.dataType = parameter.dataType();
        this.shape = parameter.shape();
    }

    /** The slot {@code name}, created as zeros on first use. */
    public INDArray slot(String name) {
        return slot(name, 0.0);
    }

    /** The slot {@code name}, created filled with {@code initialValue} on first use. */
    public INDArray slot(String name, double initialValue) {
        INDArray s = slots.get(name);
        if (s == null) {
            s = Allocator.persistentZeros(dataType, shape);
            if (initialValue != 0.0) {
                s.assign(initialValue);
            }
            slots.put(name, s);
        }
        return s;
    }

    /** A reusable work buffer {@code name} (contents undefined between steps; never saved). */
    public INDArray scratch(String name) {
        INDArray s = scratch.get(name);
        if (s == null) {
            s = Allocator.persistentZeros(dataType, shape);
            scratch.put(name, s);
        }
        return s;
    }

    /** The slots created so far, in creation order. */
    Map<String, INDArray> slots() {
        return slots;
    }

    /** Replaces slot {@code name} with a copy of {@code value} (of the parameter's shape; converted to its type). */
    void load(String name, INDArray value) {
        INDArray s = Allocator.persistentZeros(dataType, shape);
        s.assign(value);
        slots.put(name, s);
    }
}
