package org.neurite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the benchmark ran on, from {@code /proc} (Linux): cores, CPU model, memory, load. */
final class Machine {
    private Machine() {
    }

    /** One line: cores, CPU model, total memory. */
    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (nproc), " + cpuModel() + ", "
                + memTotal() + " memory";
    }

    /** The load averages over 1, 5 and 15 minutes, as {@code /proc/loadavg} gives them. */
    static String load() {
        List<String> lines = lines("/proc/loadavg");
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] parts = lines.get(0).split("\\s+");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String cpuModel() {
        return lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String memTotal() {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                .findFirst().orElse("unknown");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
