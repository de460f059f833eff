package org.neurite.spark;

import org.apache.spark.sql.SparkSession;

/** One Spark session for all Spark tests: starting one costs seconds. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    /**
     * Two local workers; "local[2,2]" is local[2] with two attempts per task, as a cluster has
     * (plain local mode never retries a failed task).
     */
    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("neurite-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }
}
