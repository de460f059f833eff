/**
 * CSV files as datasets: {@link org.neurite.data.csv.Csv} loads a file, infers a
 * {@link org.neurite.data.csv.CsvSchema} (numeric columns, one-hot categorical ones, missing cells)
 * on the training file and encodes other files with it; {@link org.neurite.data.csv.CsvTable}
 * keeps the raw cells for the personal-data tools.
 */
package org.neurite.data.csv;
