package org.neurite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Seeded row orders and train/test index splits, shared by {@link Dataset} and {@link TextDataset}. */
public final class Indices {
    private Indices() {
    }

    /** A uniformly random permutation of {@code 0..n-1}, the same for the same seed. */
    public static int[] permutation(int n, long seed) {
        int[] order = range(0, n);
        shuffle(order, new SplittableRandom(seed));
        return order;
    }

    public static int[] range(int from, int to) {
        int[] order = new int[to - from];
        Arrays.setAll(order, i -> from + i);
        return order;
    }

    /** Whether {@code rows} are consecutive and ascending, so a gather can be a cheap slice. */
    public static boolean isRun(int[] rows) {
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] != rows[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code {train, test}} rows of a shuffled split of {@code n} examples. */
    public static int[][] split(int n, double testFraction, long seed) {
        int test = testCount(n, testFraction);
        int[] order = permutation(n, seed);
        return new int[][] {Arrays.copyOfRange(order, 0, n - test), Arrays.copyOfRange(order, n - test, n)};
    }

    /**
     * {@code {train, test}} rows where each class gives {@code round(testFraction * count)} of its
     * examples to the test set; both parts are shuffled.
     */
    public static int[][] stratified(int[] classIds, double testFraction, long seed) {
        int n = classIds.length;
        testCount(n, testFraction);
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int row = 0; row < n; row++) {
            byClass.computeIfAbsent(classIds[row], c -> new ArrayList<>()).add(row);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] train = new int[n];
        int[] test = new int[n];
        int trainCount = 0;
        int testCount = 0;
        for (List<Integer> rows : byClass.values()) {
            int[] members = rows.stream().mapToInt(Integer::intValue).toArray();
            shuffle(members, random);
            int toTest = (int) Math.round(testFraction * members.length);
            for (int i = 0; i < members.length; i++) {
                if (i < toTest) {
                    test[testCount++] = members[i];
                } else {
                    train[trainCount++] = members[i];
                }
            }
        }
        if (testCount == 0 || trainCount == 0) {
            throw new IllegalArgumentException("stratified split with testFraction " + testFraction + " of "
                    + n + " examples in " + byClass.size() + " classes leaves an empty "
                    + (testCount == 0 ? "test" : "train") + " set");
        }
        train = Arrays.copyOf(train, trainCount);
        test = Arrays.copyOf(test, testCount);
        shuffle(train, random);
        shuffle(test, random);
        return new int[][] {train, test};
    }

    /** {@code round(testFraction * n)}, kept within {@code [1, n-1]} so neither part is empty. */
    public static int testCount(long n, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        if (n < 2) {
            throw new IllegalArgumentException("cannot split " + n + " example(s) into train and test sets");
        }
        long test = Math.round(testFraction * n);
        return (int) Math.max(1, Math.min(n - 1, test));
    }

    /** Checks that {@code n} rows can be indexed with ints. */
    public static int rows(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("datasets are limited to " + (Integer.MAX_VALUE - 8)
                    + " examples, got " + n);
        }
        return (int) n;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }
}
