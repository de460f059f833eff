package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.neurite.Neurite;
import org.neurite.data.Dataset;
import org.neurite.datasets.Mnist;
import org.neurite.layers.Conv2D;
import org.neurite.layers.Dense;
import org.neurite.layers.Flatten;
import org.neurite.layers.Input;
import org.neurite.layers.MaxPooling2D;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metrics;
import org.neurite.models.Fit;
import org.neurite.models.History;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.optimizers.Adam;

/** PARAMETER_AVERAGING on two workers learns the MNIST sample the repository ships (8,000 train, 2,000 test). */
class AveragingMnistTest {
    @Test
    void reachesNinetyFivePercentTestAccuracyInThreeEpochs() throws IOException {
        Neurite.seed(1);   // the initial weights, so that the run is repeatable
        Dataset.Split mnist = Mnist.load(Mnist.SAMPLE);
        Model model = new Sequential(new Input(28, 28, 1), new Conv2D(16, 3, "relu"), new MaxPooling2D(2),
                new Conv2D(32, 3, "relu"), new MaxPooling2D(2), new Flatten(), new Dense(64, "relu"),
                new Dense(10, "softmax"));
        model.compile(new Adam(2e-3), Losses.sparseCategoricalCrossentropy(), Metrics.accuracy());
        History history = new SparkTrainer(LocalSpark.session()).workers(2)
                .mode(SparkTrainer.Mode.PARAMETER_AVERAGING).averagingFrequency(4)
                .fit(model, mnist.train(), Fit.epochs(3).batchSize(32).verbose(0).seed(1));
        assertEquals(3, history.get("loss").size());
        double accuracy = model.evaluate(mnist.test()).get("accuracy");
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
    }
}
