package org.neurite.examples;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options every example takes, parsed with picocli: {@code --data DIR} (where the dataset
 * lives; default: the loader's resolution order), {@code --epochs N}, {@code --batch-size N},
 * {@code --train-limit N} (train on the first N examples only), {@code --seed N} and
 * {@code --out DIR} (where the training-curve pictures go, default {@code target/examples}); an
 * example may accept a few more ({@code --model}, {@code --maxlen}, ...). An unknown option or a
 * value that is not a number where one is needed is a {@link BadOption} whose message ends with
 * the usage.
 */
final class ExampleArgs {
    /** A command line the example cannot use; its message says why. */
    static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    private final ParseResult parsed;

    private ExampleArgs(ParseResult parsed) {
        this.parsed = parsed;
    }

    /** The common options only. */
    static ExampleArgs parse(String[] args) {
        return parse(args, new String[0]);
    }

    /** The common options and {@code extra} (names without the leading {@code --}, values as text). */
    static ExampleArgs parse(String[] args, String... extra) {
        CommandLine line = new CommandLine(spec(extra));
        try {
            ExampleArgs options = new ExampleArgs(line.parseArgs(args));
            options.epochs(1);
            options.batchSize(1);
            options.trainLimit();
            return options;
        } catch (ParameterException e) {
            throw new BadOption(e.getMessage() + System.lineSeparator() + line.getUsageMessage());
        }
    }

    private static CommandSpec spec(String[] extra) {
        CommandSpec spec = CommandSpec.create().name("example");
        spec.addOption(option("--data", "DIR", Path.class, "where the dataset lives (default: the loader's search)"));
        spec.addOption(option("--epochs", "N", int.class, "training epochs (default: the example's)"));
        spec.addOption(option("--batch-size", "N", int.class, "examples per batch (default: the example's)"));
        spec.addOption(option("--train-limit", "N", long.class, "train on the first N examples only (0: all)"));
        spec.addOption(option("--seed", "N", long.class, "seed of ND4J's random generator (default 42)"));
        spec.addOption(option("--out", "DIR", Path.class, "where the training curves go (default target/examples)"));
        for (String name : extra) {
            spec.addOption(option("--" + name, "VALUE", String.class, "this example's own option"));
        }
        return spec;
    }

    private static OptionSpec option(String name, String label, Class<?> type, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).description(description).build();
    }

    Path data() {
        return parsed.matchedOptionValue("--data", null);
    }

    int epochs(int fallback) {
        return atLeastOne("epochs", parsed.matchedOptionValue("--epochs", fallback));
    }

    int batchSize(int fallback) {
        return atLeastOne("batch-size", parsed.matchedOptionValue("--batch-size", fallback));
    }

    /** The number of training examples to use; 0 (the default) for all. */
    long trainLimit() {
        long value = parsed.matchedOptionValue("--train-limit", 0L);
        if (value < 0) {
            throw new BadOption("option --train-limit must be 0 (all) or more, got " + value);
        }
        return value;
    }

    long seed() {
        return parsed.matchedOptionValue("--seed", 42L);
    }

    Path out() {
        return parsed.matchedOptionValue("--out", Path.of("target/examples"));
    }

    /** An example's own option as text. */
    String get(String key, String fallback) {
        return parsed.matchedOptionValue("--" + key, fallback);
    }

    /** An example's own integer option, at least 1. */
    int positive(String key, int fallback) {
        String text = get(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return atLeastOne(key, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new BadOption("option --" + key + " needs an integer, got '" + text + "'");
        }
    }

    private static int atLeastOne(String key, int value) {
        if (value < 1) {
            throw new BadOption("option --" + key + " must be a positive integer, got " + value);
        }
        return value;
    }
}
