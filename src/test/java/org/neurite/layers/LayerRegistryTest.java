package org.neurite.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.neurite.io.Json;

class LayerRegistryTest {

    /** Every public concrete layer class in org.neurite.layers, found on the class path. */
    private static List<Class<?>> layerClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/neurite/layers");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName("org.neurite.layers." + name.replace(".class", ""));
                    if (Layer.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                            && !Modifier.isAbstract(c.getModifiers())) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyLayerClassIsRegisteredUnderItsKerasName() throws Exception {
        List<Class<?>> classes = layerClasses();
        assertTrue(classes.size() >= 16, classes.toString());
        for (Class<?> c : classes) {
            String keras = c == Input.class ? "InputLayer" : c.getSimpleName();
            assertTrue(LayerRegistry.classNames().contains(keras), keras + " is not in " + LayerRegistry.classNames());
        }
    }

    @Test
    void rebuildsNonDefaultOptionsFromJson() {
        List<Layer> layers = List.of(
                new Input(28, 28, 1).name("pixels"),
                new Conv2D(8, new int[]{3, 5}, "relu").strides(2, 1).padding("same").useBias(false)
                        .kernelRegularizer(Regularizer.l2(0.01)).kernelInitializer(Initializers.heNormal()),
                new Conv1D(4, 5, "tanh").dilationRate(2),
                new MaxPooling2D(new int[]{2, 3}).strides(1).padding("same"),
                new AveragePooling2D(3),
                new Reshape(-1, 4),
                new Dropout(0.25).trainable(false),
                new BatchNormalization().momentum(0.9).epsilon(1e-5).center(false),
                new LayerNormalization().scale(false).betaRegularizer(Regularizer.l1l2(0.1, 0.2)),
                new Embedding(1000, 16),
                new Dense(3, "softmax").useBias(false).biasRegularizer(Regularizer.l1(0.5)),
                new Activation("gelu"));
        for (Layer layer : layers) {
            String json = Json.write(layer.config());
            Layer copy = LayerRegistry.fromConfig(layer.className(), Json.parseObject(json));
            assertEquals(layer.getClass(), copy.getClass());
            assertEquals(json, Json.write(copy.config()));
            assertEquals(layer.name(), copy.name());
            assertEquals(layer.isTrainable(), copy.isTrainable());
        }
        Input input = (Input) LayerRegistry.fromConfig("InputLayer", Json.parseObject("{\"batch_input_shape\":[null,5]}"));
        assertArrayEquals(new long[]{5}, input.shape());
    }

    @Test
    void readsKerasThreeObjectInitializersAndRegularizers() {
        Map<String, Object> config = Json.parseObject("{\"name\":\"d\",\"units\":4,\"activation\":\"relu\","
                + "\"kernel_initializer\":{\"module\":\"keras.initializers\",\"class_name\":\"HeNormal\",\"config\":{}},"
                + "\"kernel_regularizer\":{\"class_name\":\"L2\",\"config\":{\"l2\":0.01}},\"dtype\":\"float32\"}");
        Dense dense = (Dense) LayerRegistry.fromConfig("Dense", config);
        assertEquals("he_normal", dense.config().get("kernel_initializer"));
        assertEquals(Map.of("l1", 0.0, "l2", 0.01), dense.config().get("kernel_regularizer"));
    }

    @Test
    void errorsNameTheClassTheKeyAndBothValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Densse", Map.of()));
        assertTrue(e.getMessage().contains("'Densse'") && e.getMessage().contains("Dense"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Dense", Map.of("name", "head", "units", "ten")));
        assertTrue(e.getMessage().contains("Dense 'head'") && e.getMessage().contains("'units'")
                && e.getMessage().contains("whole number") && e.getMessage().contains("\"ten\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Conv2D", Map.of("filters", 2, "kernel_size", 3, "groups", 2)));
        assertTrue(e.getMessage().contains("'groups'") && e.getMessage().contains("found 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerRegistry.fromConfig("Dropout", Map.of()));
        assertTrue(e.getMessage().contains("'rate'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Dense", Map.of("units", 2, "activation", "custom")));
        assertTrue(e.getMessage().contains("custom") && e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void customLayersRegisterAFactory() {
        LayerRegistry.register("TestScale", config -> new Activation("linear"));
        Layer layer = LayerRegistry.fromConfig("TestScale", Map.of("name", "scale", "trainable", false));
        assertEquals("scale", layer.name());
        assertFalse(layer.isTrainable());
    }
}
