package org.neurite.data.quality;

import org.neurite.data.Dataset;

/**
 * The result of a {@link Cleaning} step: the new dataset and what the step changed.
 *
 * <pre>{@code
 * Cleaned cleaned = Cleaning.dropDuplicates(train);
 * cleaned.removedRows();     // 3
 * cleaned.description();     // "dropDuplicates: removed 3 of 100 rows ..."
 * Dataset data = cleaned.dataset();
 * }</pre>
 *
 * @param dataset the cleaned dataset (the input itself when nothing changed)
 * @param removedRows the number of examples removed
 * @param imputedValues the number of feature values replaced
 * @param description one sentence saying what was done, for logs
 */
public record Cleaned(Dataset dataset, long removedRows, long imputedValues, String description) {
    @Override
    public String toString() {
        return description;
    }
}
