package org.neurite.spark;

import java.io.Serializable;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An array's values and shape in a form Spark serialises (task results, broadcasts). */
record Floats(float[] values, long[] shape) implements Serializable {

    static Floats of(INDArray a) {
        INDArray own = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;   // data() is then exactly a's values
        float[] values = own.data().asFloat();
        if (own != a) {
            own.close();
        }
        return new Floats(values, a.shape());
    }

    /** A new off-heap array with these values; close it when done. */
    INDArray toArray() {
        return Nd4j.create(values, shape, 'c');
    }

    /** Adds {@code other}'s values times {@code weight} into these (same length). */
    void addScaled(Floats other, double weight) {
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (other.values[i] * weight);
        }
    }

    /** Writes these values into {@code target} (same length), freeing the temporary at once. */
    void copyInto(INDArray target) {
        try (INDArray a = Nd4j.createFromArray(values)) {
            target.assign(a.reshape(target.shape()));
        }
    }
}
