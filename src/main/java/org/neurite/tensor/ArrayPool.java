package org.neurite.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The op outputs of one {@link MemoryScope}, handed out again when the scope is next opened. A
 * training step makes the same arrays in the same shapes every time, so from the second step on
 * it creates no array at all: creating one (Java objects, a native buffer, its shape information
 * and a deallocator entry) costs more than a small op's arithmetic.
 *
 * <p>Arrays live outside every workspace and are marked not closeable, so nothing frees them
 * behind the pool's back. Shapes unused for two scope cycles (the odd last batch of an epoch) are
 * freed, so the pool holds about one step's worth of memory.
 */
final class ArrayPool {
    private static final int IDLE_CYCLES = 2;

    private record Key(DataType type, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && type == k.type && Arrays.equals(shape, k.shape);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(shape);
        }
    }

    private static final class Slot {
        final ArrayDeque<INDArray> free = new ArrayDeque<>();
        final List<INDArray> lent = new ArrayList<>();
        int idle;
    }

    private final Map<Key, Slot> slots = new HashMap<>();

    /** An uninitialised c-order array, reused from an earlier cycle when one of that shape is free. */
    INDArray take(DataType type, long[] shape) {
        Key key = new Key(type, shape);
        Slot slot = slots.get(key);
        if (slot == null) {
            slot = new Slot();
            slots.put(new Key(type, shape.clone()), slot);
        }
        INDArray a = slot.free.poll();
        if (a == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                a = Nd4j.createUninitialized(type, shape, 'c');
            }
            a.setCloseable(false);
        }
        slot.lent.add(a);
        return a;
    }

    /** Ends a cycle: every array handed out becomes free again; long-unused shapes are released. */
    void recycle() {
        Iterator<Slot> it = slots.values().iterator();
        while (it.hasNext()) {
            Slot slot = it.next();
            if (slot.lent.isEmpty()) {
                if (++slot.idle >= IDLE_CYCLES) {
                    release(slot.free);
                    it.remove();
                }
                continue;
            }
            slot.idle = 0;
            slot.free.addAll(slot.lent);
            slot.lent.clear();
        }
    }

    /** Frees every array, lent or not; the pool stays usable. */
    void clear() {
        for (Slot slot : slots.values()) {
            release(slot.free);
            release(slot.lent);
        }
        slots.clear();
    }

    private static void release(Iterable<INDArray> arrays) {
        for (INDArray a : arrays) {
            a.setCloseable(true);
            a.close();
        }
    }
}
