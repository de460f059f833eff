/**
 * Data for Neurite models: in-memory {@link org.neurite.data.Dataset}s (one or several inputs and
 * outputs, splits, shuffles) and {@link org.neurite.data.TextDataset}s, their prefetched
 * {@link org.neurite.data.Batches}, and {@link org.neurite.data.ClassLabels}, the one reader of
 * class labels that datasets, losses and metrics share. The loaders live in
 * {@code org.neurite.datasets}, CSV in {@code org.neurite.data.csv}, preprocessing in
 * {@code org.neurite.preprocessing} and the data-quality report in {@code org.neurite.data.quality};
 * all of them use this package, and it uses none of them. See {@code docs/data.md}.
 *
 * <p>Every array this package creates lives outside ND4J workspaces, so it survives the per-step
 * workspace of a training loop.
 */
package org.neurite.data;
