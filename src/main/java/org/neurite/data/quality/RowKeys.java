package org.neurite.data.quality;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.neurite.data.Indices;
import org.neurite.data.Rows;

/**
 * Finds rows with identical content: each row of {@code [n, ...]} gets a 128-bit MurmurHash3 of
 * its values, and rows whose hashes agree are compared value by value, so a hash collision never
 * merges two different rows. Values compare numerically, except that NaN equals NaN (and
 * {@code -0.0} equals {@code 0.0}).
 *
 * <p>The values are read in bulk from the array's off-heap buffer without a Java copy; FLOAT and
 * DOUBLE arrays that are already contiguous are not copied at all, other types are cast once to a
 * type that holds them exactly.
 */
final class RowKeys {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private final int rows;
    private final int width;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final long[] hash1;
    private final long[] hash2;
    /** Holds the array whose off-heap memory {@link #floats} or {@link #doubles} read. */
    private final INDArray keepAlive;

    private RowKeys(INDArray x) {
        rows = Indices.rows(x.size(0));
        if (x.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("duplicate detection handles at most " + (Integer.MAX_VALUE - 8)
                    + " values, got " + x.length() + " in " + Rows.shape(x));
        }
        width = (int) (x.length() / Math.max(1, rows));
        INDArray flat = exact(x);
        keepAlive = flat;
        boolean dbl = flat.dataType() == DataType.DOUBLE;
        floats = dbl ? null : flat.data().asNioFloat();
        doubles = dbl ? flat.data().asNioDouble() : null;
        hash1 = new long[rows];
        hash2 = new long[rows];
        long[] bits = new long[width];
        for (int row = 0; row < rows; row++) {
            read(row, bits);
            hash(row, bits);
        }
    }

    /** The keys of the rows of {@code x} (first dimension); null when {@code x} is null. */
    static RowKeys of(INDArray x) {
        return x == null ? null : new RowKeys(x);
    }

    int rows() {
        return rows;
    }

    /** For each row, the first row with the same content (the row itself when it is the first). */
    int[] firstOccurrence() {
        int[] first = new int[rows];
        Map<Long, int[]> seen = new HashMap<>(rows * 2);
        for (int row = 0; row < rows; row++) {
            int match = findIn(seen, this, row);
            first[row] = match >= 0 ? match : row;
            if (match < 0) {
                seen.merge(hash1[row], new int[] {row}, RowKeys::append);
            }
        }
        return first;
    }

    /** For each row of {@code queries}, the first row of this table with the same content, or -1. */
    int[] lookup(RowKeys queries) {
        if (queries.width != width) {
            throw new IllegalArgumentException("rows of " + width + " values cannot match rows of "
                    + queries.width + " values");
        }
        Map<Long, int[]> firsts = new HashMap<>(rows * 2);
        int[] first = firstOccurrence();
        for (int row = 0; row < rows; row++) {
            if (first[row] == row) {
                firsts.merge(hash1[row], new int[] {row}, RowKeys::append);
            }
        }
        int[] found = new int[queries.rows];
        for (int q = 0; q < queries.rows; q++) {
            found[q] = queries.findIn(firsts, this, q);
        }
        return found;
    }

    /** The row of {@code table} listed in {@code candidates} under this row's hash that equals it, or -1. */
    private int findIn(Map<Long, int[]> candidates, RowKeys table, int row) {
        int[] rowsWithHash = candidates.get(hash1[row]);
        if (rowsWithHash == null) {
            return -1;
        }
        for (int candidate : rowsWithHash) {
            if (table.hash2[candidate] == hash2[row] && sameValues(table, candidate, row)) {
                return candidate;
            }
        }
        return -1;
    }

    private boolean sameValues(RowKeys table, int tableRow, int row) {
        long[] a = new long[width];
        long[] b = new long[width];
        table.read(tableRow, a);
        read(row, b);
        return Arrays.equals(a, b);
    }

    /** The canonical bits of one row: equal numbers give equal bits, every NaN the same bits. */
    private void read(int row, long[] bits) {
        long from = (long) row * width;
        if (doubles != null) {
            for (int i = 0; i < width; i++) {
                bits[i] = Double.doubleToLongBits(doubles.get((int) (from + i)) + 0.0);
            }
        } else {
            for (int i = 0; i < width; i++) {
                bits[i] = Float.floatToIntBits(floats.get((int) (from + i)) + 0f);
            }
        }
    }

    /** MurmurHash3 x64 128 over the row's canonical bits, two values per 64-bit lane. */
    private void hash(int row, long[] bits) {
        boolean packed = doubles == null;
        int words = packed ? (width + 1) / 2 : width;
        long h1 = 0x9368e53c2f6af274L;
        long h2 = 0x586dcd208f7cd3fdL;
        for (int w = 0; w + 1 < words; w += 2) {
            long k1 = word(bits, w, packed);
            long k2 = word(bits, w + 1, packed);
            h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
            h1 = (Long.rotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
            h2 = (Long.rotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }
        if (words % 2 == 1) {
            h1 ^= Long.rotateLeft(word(bits, words - 1, packed) * C1, 31) * C2;
        }
        h1 ^= width;
        h2 ^= width;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        hash1[row] = h1;
        hash2[row] = h2;
    }

    private static long word(long[] bits, int w, boolean packed) {
        if (!packed) {
            return bits[w];
        }
        long low = bits[2 * w] & 0xffffffffL;
        long high = 2 * w + 1 < bits.length ? bits[2 * w + 1] << 32 : 0;
        return low | high;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb93fe53ae63bL;
        return k ^ (k >>> 33);
    }

    private static int[] append(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A contiguous c-order copy (or {@code x} itself) in FLOAT or DOUBLE, holding every value exactly. */
    private static INDArray exact(INDArray x) {
        DataType type = x.dataType();
        boolean wide = type == DataType.DOUBLE || type == DataType.INT32 || type == DataType.INT64
                || type == DataType.UINT32 || type == DataType.UINT64;
        DataType target = wide ? DataType.DOUBLE : DataType.FLOAT;
        boolean plain = x.ordering() == 'c' && x.offset() == 0 && x.data().length() == x.length()
                && Shape.hasDefaultStridesForShape(x);
        if (type == target && plain) {
            return x;
        }
        return Rows.detached(() -> x.castTo(target).dup('c'));
    }
}
