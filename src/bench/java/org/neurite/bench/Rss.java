package org.neurite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory from {@code /proc/self/status} (Linux), in MiB. */
public final class Rss {
    private Rss() {
    }

    /** The resident set size now ({@code VmRSS}). */
    public static double current() {
        return field("VmRSS:");
    }

    /** The peak resident set size since the process started ({@code VmHWM}). */
    public static double peak() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status (Linux only)", e);
        }
        throw new IllegalStateException("/proc/self/status has no " + name);
    }
}
