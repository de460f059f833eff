package org.neurite.data.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A large CSV for streaming tests and benchmarks: a header {@code f0,...,label}, then rows of
 * {@code features} numbers in [0, 1) with up to 7 decimals and a 0/1 label, 1 when the first two
 * features sum to more than 1 (learnable, so a test can check that training happened).
 */
public final class GeneratedCsv {
    private GeneratedCsv() {
    }

    /** Writes at least {@code bytes} bytes to {@code file}; returns the number of data rows. */
    public static long write(Path file, long bytes, int features) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < features; f++) {
                line.append('f').append(f).append(',');
            }
            out.write(line.append("label\n").toString());
            long written = line.length();
            while (written < bytes) {
                line.setLength(0);
                double a = random.nextInt(10_000_000) / 1e7;
                double b = random.nextInt(10_000_000) / 1e7;
                line.append(a).append(',').append(b);
                for (int f = 2; f < features; f++) {
                    line.append(',').append(random.nextInt(10_000_000) / 1e7);
                }
                line.append(',').append(a + b > 1 ? 1 : 0).append('\n');
                out.write(line.toString());
                written += line.length();
                rows++;
            }
        }
        return rows;
    }
}
