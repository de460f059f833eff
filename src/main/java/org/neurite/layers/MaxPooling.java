package org.neurite.layers;

/**
 * A layer whose every output is the maximum of some of its inputs (max pooling, global max
 * pooling): it commutes with any non-decreasing elementwise function {@code f}, so
 * {@code pool(f(z)) == f(pool(z))} and a model may apply {@code f} after it, to fewer elements.
 */
public interface MaxPooling {
}
