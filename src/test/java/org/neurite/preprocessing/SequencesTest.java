package org.neurite.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neurite.preprocessing.Sequences.Padding;
import org.neurite.preprocessing.Sequences.Truncating;

class SequencesTest {
    private static final List<int[]> SEQS = List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6, 7, 8}, new int[0]);

    private static float[][] rows(INDArray x) {
        return x.toFloatMatrix();
    }

    @Test
    void defaultsPadAndTruncateAtTheStart() {
        INDArray x = Sequences.pad(SEQS, 4);
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[] {3, 4}, x.shape());
        assertArrayEquals(new float[][] {{0, 1, 2, 3}, {5, 6, 7, 8}, {0, 0, 0, 0}}, rows(x));
    }

    @Test
    void postVariants() {
        assertArrayEquals(new float[][] {{1, 2, 3, 0}, {4, 5, 6, 7}, {0, 0, 0, 0}},
                rows(Sequences.pad(SEQS, 4, "post", "post")));
        assertArrayEquals(new float[][] {{1, 2, 3, 0}, {5, 6, 7, 8}, {0, 0, 0, 0}},
                rows(Sequences.pad(SEQS, 4, Padding.POST, Truncating.PRE)));
        assertArrayEquals(new float[][] {{0, 1, 2, 3}, {4, 5, 6, 7}, {0, 0, 0, 0}},
                rows(Sequences.pad(SEQS, 4, "PRE", "post")));
        assertArrayEquals(new float[][] {{-1, -1, 1, 2, 3}, {4, 5, 6, 7, 8}, {-1, -1, -1, -1, -1}},
                rows(Sequences.pad(SEQS, 5, Padding.PRE, Truncating.PRE, -1f)));
    }

    @Test
    void longestByDefaultAndBadArguments() {
        assertArrayEquals(new long[] {3, 5}, Sequences.pad(SEQS).shape());
        assertArrayEquals(new long[] {0, 7}, Sequences.pad(List.of(), 7).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sequences.pad(SEQS, 0));
        assertTrue(e.getMessage().contains("0"));
        IllegalArgumentException side = assertThrows(IllegalArgumentException.class,
                () -> Sequences.pad(SEQS, 3, "middle", "pre"));
        assertTrue(side.getMessage().contains("middle"), side.getMessage());
    }
}
