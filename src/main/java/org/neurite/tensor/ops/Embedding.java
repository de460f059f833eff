package org.neurite.tensor.ops;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.tensor.Allocator;
import org.neurite.tensor.Native;
import org.neurite.tensor.Op;
import org.neurite.tensor.PerExampleGradient;

/**
 * Row lookup: {@code table [V,D]} and integer {@code ids} of any shape {@code S} give {@code S+[D]}.
 * Backward scatter-adds the output gradient into a zero {@code [V,D]} table gradient, so a
 * repeated id accumulates the gradients of all its occurrences. Per example, the same scatter
 * goes into a stack of tables {@code [N*V, D]}, example i's ids shifted by {@code i*V}.
 */
public final class Embedding extends Op {
    private final INDArray ids;
    private INDArray flatIds;
    private long[] tableShape;

    /** {@code ids}: INT or LONG, or a floating-point array holding whole numbers. */
    public Embedding(INDArray ids) {
        if (ids == null) {
            throw new IllegalArgumentException("embedding: ids must not be null");
        }
        this.ids = ids;
    }

    @Override
    public INDArray forward(INDArray... in) {
        INDArray table = in[0];
        if (table.rank() != 2) {
            throw new IllegalArgumentException("embedding: table must be rank 2 [V,D], got "
                    + Arrays.toString(table.shape()));
        }
        tableShape = table.shape();
        long[] outShape = Arrays.copyOf(ids.shape(), ids.rank() + 1);
        outShape[ids.rank()] = tableShape[1];
        if (ids.length() == 0) {
            return Allocator.zeros(table.dataType(), outShape);
        }
        flatIds = indices();
        return Native.call("gather", new INDArray[]{table, flatIds}, new long[]{0}, null, null)[0]
                .reshape('c', outShape);
    }

    @Override
    public INDArray[] backward(INDArray g, boolean[] needs) {
        return backward(g, needs, new INDArray[1]);
    }

    /** Scatters straight into the table's zeroed gradient buffer when Backward offers it. */
    @Override
    public INDArray[] backward(INDArray g, boolean[] needs, INDArray[] into) {
        INDArray dTable = into[0] != null ? into[0] : Allocator.zeros(g.dataType(), tableShape);
        if (flatIds == null) {
            return new INDArray[]{dTable};
        }
        INDArray rows = g.reshape('c', flatIds.length(), tableShape[1]);
        Native.scatterAddRows(dTable, flatIds, rows);
        return new INDArray[]{dTable};
    }

    @Override
    public PerExampleGradient perExample(INDArray g, int input, int examples) {
        long vocab = tableShape[0];
        long width = tableShape[1];
        INDArray tables = Allocator.zeros(g.dataType(), examples * vocab, width);
        if (flatIds != null) {
            int perExample = (int) (flatIds.length() / examples);
            int[] shift = new int[(int) flatIds.length()];
            for (int r = 0; r < shift.length; r++) {
                shift[r] = (int) (r / perExample * vocab);
            }
            INDArray shifted = Native.call("add", flatIds, Nd4j.createFromArray(shift))[0];
            Native.scatterAddRows(tables, shifted, g.reshape('c', flatIds.length(), width));
        }
        return new ExampleRows(tables.reshape('c', examples, vocab * width));
    }

    /** The ids as a flat INT/LONG vector, checked to be whole numbers in {@code [0, V)}. */
    private INDArray indices() {
        DataType type = ids.dataType();
        // an explicit long[]: reshape('c', n) would bind to reshape(long rows, long cols), giving [99, n]
        INDArray flat = ids.reshape('c', new long[]{ids.length()});
        if (!type.isIntType() && !type.isFPType()) {
            throw new IllegalArgumentException("embedding: ids must be INT, LONG or floating point holding "
                    + "integers, got " + type);
        }
        // small native calls through Native (cached contexts, reused outputs): this runs every step
        double min = Native.reduce("min", flat, false).getDouble(0);
        double max = Native.reduce("max", flat, false).getDouble(0);
        long vocab = tableShape[0];
        if (min < 0 || max >= vocab) {
            double bad = min < 0 ? min : max;
            throw new IdOutOfRange(bad, "embedding: id " + number(bad) + " is out of range [0, " + vocab
                    + ") for table " + Arrays.toString(tableShape));
        }
        // INT ids: what the row scatter of backward takes (and every id is below the table's row count)
        INDArray idx = type == DataType.INT ? flat : Native.cast(flat, DataType.INT);
        if (type.isFPType()) {
            INDArray roundTrip = Native.cast(idx, type);
            double worst = Native.reduce("norm_max", Native.call("subtract", flat, roundTrip)[0], false).getDouble(0);
            if (!(worst == 0)) {
                throw new IllegalArgumentException("embedding: " + type + " ids must hold whole numbers, got "
                        + flat);
            }
        }
        return idx;
    }

    /** An id outside {@code [0, V)}; {@link #id()} is the smallest negative or the largest too-high one. */
    public static final class IdOutOfRange extends IllegalArgumentException {
        private final double id;

        IdOutOfRange(double id, String message) {
            super(message);
            this.id = id;
        }

        public double id() {
            return id;
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
