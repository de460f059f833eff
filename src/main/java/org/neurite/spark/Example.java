package org.neurite.spark;

import java.io.Serializable;

/** One training example as it travels through Spark: flat features and flat label values. */
record Example(float[] features, float[] label) implements Serializable {
}
