package org.neurite.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.neurite.tensor.Padding;

/**
 * Argument handling shared by the convolution and pooling layers: Keras's padding names, tuples
 * given as one value or one per spatial axis, and the Keras output length of a sliding window.
 */
final class Windows {
    /** Padding names the layers accept. */
    static final List<String> PADDINGS = List.of("valid", "same");

    private Windows() {
    }

    /** Parses "valid" or "same" (case-insensitive). */
    static Padding padding(String owner, String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (key) {
            case "valid": return Padding.VALID;
            case "same": return Padding.SAME;
            default:
                throw new IllegalArgumentException(owner + ": unknown padding '" + name + "'; valid values: "
                        + PADDINGS);
        }
    }

    /** Keras's name of a padding. */
    static String name(Padding padding) {
        return padding.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Expands {@code values} to {@code n} positive entries: one value is repeated, otherwise exactly
     * {@code n} are needed. {@code what} names the argument in the message ("strides").
     */
    static int[] tuple(String owner, String what, int[] values, int n) {
        if (values == null || (values.length != 1 && values.length != n)) {
            throw new IllegalArgumentException(owner + ": " + what + " needs 1 or " + n + " values, got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = values.length == 1 ? values[0] : values[i];
            if (out[i] <= 0) {
                throw new IllegalArgumentException(owner + ": " + what + " must be positive, got "
                        + Arrays.toString(values));
            }
        }
        return out;
    }

    /**
     * The number of window positions along an axis of length {@code in}: SAME gives
     * {@code ceil(in / stride)}, VALID {@code floor((in - extent) / stride) + 1} with
     * {@code extent = (size - 1) * dilation + 1}; zero or less when a VALID window does not fit.
     */
    static long outputLength(long in, int size, int stride, int dilation, Padding padding) {
        if (padding == Padding.SAME) {
            return (in + stride - 1) / stride;
        }
        long extent = (long) (size - 1) * dilation + 1;
        return in < extent ? 0 : (in - extent) / stride + 1;
    }

    /** An int tuple as a list, for configs (Keras writes tuples as lists in JSON). */
    static List<Integer> list(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
