package org.neurite.examples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The options every example takes: {@code --data DIR} (where the dataset lives; default: the
 * loader's resolution order), {@code --epochs N}, {@code --batch-size N}, {@code --train-limit N}
 * (train on the first N examples only), {@code --seed N} and {@code --out DIR} (where the
 * training-curve picture goes, default {@code target/examples}).
 */
final class ExampleArgs {
    private final Map<String, String> values = new HashMap<>();

    private ExampleArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options: --data DIR --epochs N "
                        + "--batch-size N --train-limit N --seed N --out DIR");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    static ExampleArgs parse(String[] args) {
        return new ExampleArgs(args);
    }

    Path data() {
        return values.containsKey("data") ? Path.of(values.get("data")) : null;
    }

    int epochs(int fallback) {
        return Integer.parseInt(values.getOrDefault("epochs", String.valueOf(fallback)));
    }

    int batchSize(int fallback) {
        return Integer.parseInt(values.getOrDefault("batch-size", String.valueOf(fallback)));
    }

    long trainLimit() {
        return Long.parseLong(values.getOrDefault("train-limit", "0"));
    }

    long seed() {
        return Long.parseLong(values.getOrDefault("seed", "42"));
    }

    Path out() {
        return Path.of(values.getOrDefault("out", "target/examples"));
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }
}
