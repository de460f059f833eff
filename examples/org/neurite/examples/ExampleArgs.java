package org.neurite.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options every example takes: {@code --data DIR} (where the dataset lives; default: the
 * loader's resolution order), {@code --epochs N}, {@code --batch-size N}, {@code --train-limit N}
 * (train on the first N examples only), {@code --seed N} and {@code --out DIR} (where the
 * training-curve picture goes, default {@code target/examples}); an example may accept a few more
 * ({@code --model}, {@code --maxlen}, ...). An unknown option or a value that is not a number
 * where one is needed is a {@link BadOption}.
 */
final class ExampleArgs {
    /** The options every example understands. */
    static final List<String> COMMON = List.of("data", "epochs", "batch-size", "train-limit", "seed", "out");

    /** A command line the example cannot use; its message says why. */
    static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();

    private ExampleArgs(String[] args, List<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new BadOption("unknown argument '" + a + "'; options: " + usage(known));
            }
            if (i + 1 >= args.length) {
                throw new BadOption("option " + a + " needs a value");
            }
            values.put(a.substring(2), args[++i]);
        }
        epochs(1);
        batchSize(1);
        trainLimit();
        seed();
    }

    /** The common options only. */
    static ExampleArgs parse(String[] args) {
        return parse(args, new String[0]);
    }

    /** The common options and {@code extra} (names without the leading {@code --}). */
    static ExampleArgs parse(String[] args, String... extra) {
        List<String> known = new ArrayList<>(COMMON);
        known.addAll(List.of(extra));
        return new ExampleArgs(args, known);
    }

    Path data() {
        return values.containsKey("data") ? Path.of(values.get("data")) : null;
    }

    int epochs(int fallback) {
        return positive("epochs", fallback);
    }

    int batchSize(int fallback) {
        return positive("batch-size", fallback);
    }

    /** The number of training examples to use; 0 (the default) for all. */
    long trainLimit() {
        long value = number("train-limit", 0);
        if (value < 0) {
            throw new BadOption("option --train-limit must be 0 (all) or more, got " + value);
        }
        return value;
    }

    long seed() {
        return number("seed", 42);
    }

    Path out() {
        return Path.of(values.getOrDefault("out", "target/examples"));
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** An example's own integer option, at least 1. */
    int positive(String key, int fallback) {
        long value = number(key, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new BadOption("option --" + key + " must be a positive integer, got " + value);
        }
        return (int) value;
    }

    private long number(String key, long fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadOption("option --" + key + " needs an integer, got '" + text + "'");
        }
    }

    private static String usage(List<String> known) {
        StringBuilder s = new StringBuilder();
        for (String name : known) {
            s.append(s.length() == 0 ? "" : " ").append("--").append(name).append(' ')
                    .append(name.equals("data") || name.equals("out") ? "DIR" : "VALUE");
        }
        return s.toString();
    }
}
