/**
 * Preprocessing with Keras semantics: text ({@link org.neurite.preprocessing.Tokenizer},
 * {@link org.neurite.preprocessing.Sequences}), steps fitted on the training data and reused on
 * test data ({@link org.neurite.preprocessing.Standardizer},
 * {@link org.neurite.preprocessing.MinMaxScaler}, {@link org.neurite.preprocessing.OneHot},
 * {@link org.neurite.preprocessing.ClassWeights}), and image
 * {@link org.neurite.preprocessing.Augmentation} during {@code fit}.
 */
package org.neurite.preprocessing;
