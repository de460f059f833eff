package org.neurite.layers;

import java.util.Arrays;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Refuses a weight whose size overflows or exceeds the off-heap memory this JVM may use
 * (JavaCPP's {@code maxPhysicalBytes}, else {@code maxBytes}) before ND4J tries to allocate it: a
 * failed native allocation crashes the JVM instead of throwing.
 */
final class OffHeapLimit {
    private OffHeapLimit() {
    }

    /** Throws naming {@code owner} ("dense (Dense)"), the weight, its shape and the bytes. */
    static void check(String owner, String weightName, long[] shape, DataType type) {
        long limit = Pointer.maxPhysicalBytes() > 0 ? Pointer.maxPhysicalBytes()
                : Pointer.maxBytes() > 0 ? Pointer.maxBytes() : Long.MAX_VALUE;
        long bytes;
        try {
            long elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, (long) type.width());
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > limit) {
            throw new IllegalArgumentException(owner + ": weight '" + weightName + "' of shape "
                    + Arrays.toString(shape) + " needs " + (bytes == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(bytes))
                    + " bytes, more than the " + limit + " bytes of off-heap memory this JVM may use"
                    + " (org.bytedeco.javacpp.maxPhysicalBytes)");
        }
    }
}
