package org.neurite.preprocessing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.data.Rows;

/**
 * Pads and truncates integer sequences to one length, like Keras's {@code pad_sequences}.
 *
 * <pre>{@code
 * INDArray x = Sequences.pad(tokenizer.textsToSequences(texts), 120);   // FLOAT [n, 120]
 * Sequences.pad(List.of(new int[] {1, 2, 3}), 5);                        // [[0, 0, 1, 2, 3]]
 * Sequences.pad(List.of(new int[] {1, 2, 3}), 2);                        // [[2, 3]]
 * Sequences.pad(List.of(new int[] {1, 2, 3}), 5, "post", "post");        // [[1, 2, 3, 0, 0]]
 * }</pre>
 *
 * Defaults as in Keras: padding and truncating at the start ({@code "pre"}), padding value 0. The
 * result is FLOAT (indices are exact in FLOAT up to 2^24), outside every ND4J workspace.
 */
public final class Sequences {
    /** Where short sequences get their padding. */
    public enum Padding { PRE, POST }

    /** Where long sequences lose their excess. */
    public enum Truncating { PRE, POST }

    private Sequences() {
    }

    /** Pads or truncates at the start to {@code maxlen}: FLOAT {@code [n, maxlen]}. */
    public static INDArray pad(List<int[]> sequences, int maxlen) {
        return pad(sequences, maxlen, Padding.PRE, Truncating.PRE, 0f);
    }

    /** Pads to the length of the longest sequence, at the start. */
    public static INDArray pad(List<int[]> sequences) {
        int longest = sequences.stream().mapToInt(s -> s == null ? 0 : s.length).max().orElse(0);
        return pad(sequences, Math.max(1, longest));
    }

    /**
     * Keras's string spelling: pads and truncates on the given sides with 0.
     *
     * @param padding {@code "pre"} or {@code "post"}
     * @param truncating {@code "pre"} or {@code "post"}
     */
    public static INDArray pad(List<int[]> sequences, int maxlen, String padding, String truncating) {
        return pad(sequences, maxlen, Padding.valueOf(side("padding", padding)),
                Truncating.valueOf(side("truncating", truncating)), 0f);
    }

    /** Pads and truncates on the given sides with 0: FLOAT {@code [n, maxlen]}. */
    public static INDArray pad(List<int[]> sequences, int maxlen, Padding padding, Truncating truncating) {
        return pad(sequences, maxlen, padding, truncating, 0f);
    }

    /**
     * The general form.
     *
     * @param maxlen the length of every row, at least 1
     * @param value what padded positions hold
     * @return FLOAT {@code [sequences.size(), maxlen]}
     */
    public static INDArray pad(List<int[]> sequences, int maxlen, Padding padding, Truncating truncating,
                               float value) {
        if (maxlen < 1) {
            throw new IllegalArgumentException("maxlen must be at least 1, got " + maxlen);
        }
        int n = sequences.size();
        if ((long) n * maxlen > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " sequences of length " + maxlen + " are too many for one array");
        }
        float[] flat = new float[n * maxlen];
        Arrays.fill(flat, value);
        for (int row = 0; row < n; row++) {
            int[] s = sequences.get(row);
            if (s == null) {
                throw new IllegalArgumentException("sequence " + row + " is null");
            }
            int kept = Math.min(s.length, maxlen);
            int from = truncating == Truncating.PRE ? s.length - kept : 0;
            int to = row * maxlen + (padding == Padding.PRE ? maxlen - kept : 0);
            for (int i = 0; i < kept; i++) {
                flat[to + i] = s[from + i];
            }
        }
        return Rows.detached(() -> n == 0
                ? Nd4j.create(DataType.FLOAT, 0, maxlen)
                : Nd4j.createFromArray(flat).reshape(n, maxlen));
    }

    private static String side(String what, String value) {
        String upper = value == null ? "" : value.toUpperCase(Locale.ROOT);
        if (!upper.equals("PRE") && !upper.equals("POST")) {
            throw new IllegalArgumentException(what + " must be \"pre\" or \"post\", got \"" + value + "\"");
        }
        return upper;
    }
}
