/**
 * Ready-made datasets, as {@code keras.datasets}: {@link org.neurite.datasets.Mnist},
 * {@link org.neurite.datasets.FashionMnist}, {@link org.neurite.datasets.MovieReviews} and
 * {@link org.neurite.datasets.Imdb}, {@link org.neurite.datasets.ImageFolder} (a folder of class subfolders of
 * images, streamed a batch at a time), their file formats ({@link org.neurite.datasets.Idx}, tar,
 * gzip) and the places they look for their files ({@link org.neurite.datasets.DataLocator}).
 */
package org.neurite.datasets;
