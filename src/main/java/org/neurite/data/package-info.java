/**
 * Data for Neurite models: in-memory {@link org.neurite.data.Dataset}s and their prefetched
 * {@link org.neurite.data.Batches}, the loaders {@link org.neurite.data.Mnist},
 * {@link org.neurite.data.FashionMnist}, {@link org.neurite.data.MovieReviews} and
 * {@link org.neurite.data.Imdb} (which find their files through {@link org.neurite.data.DataLocator}),
 * the IDX reader {@link org.neurite.data.Idx}, the CSV loader {@link org.neurite.data.Csv} with its
 * {@link org.neurite.data.CsvSchema} (numeric and one-hot categorical columns), and Keras-style text preprocessing with
 * {@link org.neurite.data.Tokenizer} and {@link org.neurite.data.Sequences}.
 *
 * <p>Data quality: {@link org.neurite.data.DataReport} (missing values, constant columns, class
 * balance, duplicates, train/test leakage, value ranges) and the {@link org.neurite.data.Cleaning}
 * steps that fix what it finds. Preprocessing fitted on training data and reused on test data:
 * {@link org.neurite.data.Standardizer}, {@link org.neurite.data.MinMaxScaler},
 * {@link org.neurite.data.OneHot} and {@link org.neurite.data.ClassWeights}. See {@code docs/data.md}.
 *
 * <p>Every array this package creates lives outside ND4J workspaces, so it survives the per-step
 * workspace of a training loop.
 */
package org.neurite.data;
