package org.neurite.data.quality;

/**
 * The result of a {@link Pseudonymize} step: the new table or texts and what the step changed.
 *
 * <pre>{@code
 * Pseudonymized<CsvTable> step = Pseudonymize.tokenize(raw, "email", key);
 * step.changed();       // 1000
 * step.description();   // tokenize "email": replaced 1000 of 1000 cells by keyed tokens (key 1a2b3c4d)
 * CsvTable table = step.data();
 * }</pre>
 *
 * @param data the new table ({@link org.neurite.data.csv.CsvTable}) or texts ({@link org.neurite.data.TextDataset})
 * @param changed the number of cells changed, or of values replaced in texts
 * @param description one sentence saying what was done, for logs; it never holds a value
 * @param <T> {@link org.neurite.data.csv.CsvTable} or {@link org.neurite.data.TextDataset}
 */
public record Pseudonymized<T>(T data, long changed, String description) {
    @Override
    public String toString() {
        return description;
    }
}
