package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.io.Json;
import org.neurite.tensor.GradientCheck;
import org.neurite.tensor.Tensor;

class MaskingTest {
    /** Two sequences of three steps and two features; step 2 of the first and step 1 of the second are padding (-1). */
    private static INDArray padded() {
        return Nd4j.createFromArray(new double[][][]{
                {{1, -1}, {0, 2}, {-1, -1}},
                {{3, 4}, {-1, -1}, {-1, 0}}});
    }

    @Test
    void masksStepsWhoseFeaturesAllEqualTheValue() {
        Masking masking = new Masking(-1);
        assertArrayEquals(new long[]{3, 2}, masking.build(new long[]{3, 2}, DataType.DOUBLE));
        Tensor y = masking.call(Tensor.constant(padded()), false);
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 1, 0}, {1, 0, 1}}), y.mask());
        assertEquals(Nd4j.createFromArray(new double[][][]{
                {{1, -1}, {0, 2}, {0, 0}},
                {{3, 4}, {0, 0}, {-1, 0}}}), y.value());
        assertEquals(DataType.DOUBLE, y.mask().dataType());
    }

    @Test
    void defaultMaskValueIsZeroAndFloatMasksAreFloat() {
        Masking masking = new Masking();
        assertEquals(0.0, masking.maskValue());
        masking.build(new long[]{2, 2});
        INDArray x = Nd4j.createFromArray(new float[][][]{{{0, 0}, {0, 1}}});
        Tensor y = masking.call(Tensor.constant(x), false);
        assertEquals(Nd4j.createFromArray(new float[][]{{0, 1}}), y.mask());
        assertEquals(DataType.FLOAT, y.value().dataType());
    }

    @Test
    void gradientIsTheMask() {
        Masking masking = new Masking();
        masking.build(new long[]{3, 2}, DataType.DOUBLE);
        // zeros at the padded steps stay zero when p moves, so the mask is fixed
        INDArray keep = Nd4j.createFromArray(new double[][][]{{{1, 1}, {1, 1}, {0, 0}}, {{1, 1}, {0, 0}, {0, 0}}});
        Tensor p = Tensor.parameter(Nd4j.rand(DataType.DOUBLE, 2, 3, 2).addi(0.5));
        GradientCheck.Result r = GradientCheck.check(
                in -> masking.forward(in.get(0).mul(Tensor.constant(keep)), true).mul(in.get(0)), List.of(p));
        assertTrue(r.passed(), r.toString());
        Tensor q = Tensor.parameter(padded());
        masking.forward(q, true).sum().backward();
        INDArray expected = Nd4j.createFromArray(new double[][][]{{{1, 1}, {1, 1}, {1, 1}}, {{1, 1}, {1, 1}, {1, 1}}});
        assertEquals(expected, q.grad(), "no step of this input equals 0 everywhere");
    }

    @Test
    void configAndErrors() {
        Masking masking = new Masking(-1.5);
        Map<String, Object> config = masking.config();
        assertEquals(-1.5, config.get("mask_value"));
        Layer copy = LayerRegistry.fromConfig("Masking", Json.parseObject(Json.write(config)));
        assertEquals(-1.5, ((Masking) copy).maskValue());
        assertEquals(0.0, ((Masking) LayerRegistry.fromConfig("Masking", Map.of())).maskValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> masking.build(new long[]{5}));
        assertEquals(masking.name() + " (Masking): expected input shape [steps, features] but found [5]", e.getMessage());
    }

    @Test
    void maskReachesPoolingThroughDense() {
        Masking masking = new Masking(-1);
        Dense dense = new Dense(2);
        GlobalAveragePooling1D pool = new GlobalAveragePooling1D();
        masking.build(new long[]{3, 2}, DataType.DOUBLE);
        dense.build(new long[]{3, 2}, DataType.DOUBLE);
        pool.build(new long[]{3, 2}, DataType.DOUBLE);
        Tensor h = dense.call(masking.call(Tensor.constant(padded()), false), false);
        assertEquals(Nd4j.createFromArray(new double[][]{{1, 1, 0}, {1, 0, 1}}), h.mask());
        Tensor y = pool.call(h, false);
        assertEquals(null, y.mask());
        INDArray hv = h.value();
        INDArray first = hv.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).mean(0);
        assertTrue(first.equalsWithEps(y.value().getRow(0), 1e-12), first + " vs " + y.value());
    }
}
