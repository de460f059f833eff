package org.neurite.models;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.layers.Initializer;

/**
 * Guards the layers a model file describes while they are built: each weight they ask for is
 * counted against the values the file's weights hold and created as zeros (the file's values
 * replace them), so a damaged or hostile config cannot make the loader allocate more than the
 * file itself contains. Once disarmed the layers' own initializers work again.
 */
final class WeightBudget implements UnaryOperator<Initializer> {
    private long left;
    private boolean armed = true;

    WeightBudget(long values) {
        this.left = values;
    }

    void disarm() {
        armed = false;
    }

    @Override
    public Initializer apply(Initializer init) {
        return new Initializer() {
            @Override
            public INDArray create(DataType type, long... shape) {
                return armed ? take(type, shape) : init.create(type, shape);
            }

            @Override
            public String name() {
                return init.name();
            }
        };
    }

    private INDArray take(DataType type, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0 || d > 0 && n > left / d) {
                n = Long.MAX_VALUE;
                break;
            }
            n *= d;
        }
        if (n > left) {
            throw new IllegalArgumentException("the saved architecture needs a weight of shape "
                    + Arrays.toString(shape) + " but the weights in the file hold only " + left + " more values");
        }
        left -= n;
        return Nd4j.zeros(type, shape);
    }
}
