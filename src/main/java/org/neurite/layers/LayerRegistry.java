package org.neurite.layers;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Rebuilds layers from their Keras class name and config ({@link Layer#className()},
 * {@link Layer#config()}), as a saved model needs. Every built-in layer is registered; a custom
 * layer registers a factory once:
 *
 * <pre>{@code
 * LayerRegistry.register("Scale", config -> new Scale());
 * Layer dense = LayerRegistry.fromConfig("Dense", Map.of("units", 64, "activation", "relu"));
 * }</pre>
 *
 * Keys take Keras's defaults when absent and unknown keys are ignored, so configs written by Keras
 * for the same layers are read too. "name" and "trainable" are applied to every layer.
 */
public final class LayerRegistry {
    private static final Map<String, Function<LayerConfig, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        builtIn("InputLayer", LayerRegistry::input);
        builtIn("Input", LayerRegistry::input);
        builtIn("Dense", c -> new Dense(c.integer("units"), c.activation("activation"))
                .useBias(c.bool("use_bias", true))
                .kernelInitializer(c.initializer("kernel_initializer", Initializers.glorotUniform()))
                .biasInitializer(c.initializer("bias_initializer", Initializers.zeros()))
                .kernelRegularizer(c.regularizer("kernel_regularizer"))
                .biasRegularizer(c.regularizer("bias_regularizer")));
        builtIn("Conv2D", c -> conv(new Conv2D(c.integer("filters"), c.ints("kernel_size", null),
                c.activation("activation")), c));
        builtIn("Conv1D", c -> {
            int[] k = c.ints("kernel_size", null);
            if (k == null || k.length != 1) {
                throw new IllegalArgumentException(c.owner() + ": config key 'kernel_size' expected one whole number");
            }
            return conv(new Conv1D(c.integer("filters"), k[0], c.activation("activation")), c);
        });
        builtIn("MaxPooling2D", c -> pooling(new MaxPooling2D(c.ints("pool_size", new int[]{2})), c));
        builtIn("AveragePooling2D", c -> pooling(new AveragePooling2D(c.ints("pool_size", new int[]{2})), c));
        builtIn("Flatten", c -> new Flatten());
        builtIn("Reshape", c -> new Reshape(c.longs("target_shape", null, false)));
        builtIn("Dropout", c -> new Dropout(c.number("rate")));
        builtIn("BatchNormalization", c -> {
            c.require("axis", -1L);
            return new BatchNormalization().momentum(c.number("momentum", 0.99)).epsilon(c.number("epsilon", 1e-3))
                    .center(c.bool("center", true)).scale(c.bool("scale", true))
                    .betaInitializer(c.initializer("beta_initializer", Initializers.zeros()))
                    .gammaInitializer(c.initializer("gamma_initializer", Initializers.ones()))
                    .movingMeanInitializer(c.initializer("moving_mean_initializer", Initializers.zeros()))
                    .movingVarianceInitializer(c.initializer("moving_variance_initializer", Initializers.ones()))
                    .betaRegularizer(c.regularizer("beta_regularizer"))
                    .gammaRegularizer(c.regularizer("gamma_regularizer"));
        });
        builtIn("LayerNormalization", c -> {
            c.require("axis", -1L);
            c.require("rms_scaling", false);
            return new LayerNormalization().epsilon(c.number("epsilon", 1e-3))
                    .center(c.bool("center", true)).scale(c.bool("scale", true))
                    .betaInitializer(c.initializer("beta_initializer", Initializers.zeros()))
                    .gammaInitializer(c.initializer("gamma_initializer", Initializers.ones()))
                    .betaRegularizer(c.regularizer("beta_regularizer"))
                    .gammaRegularizer(c.regularizer("gamma_regularizer"));
        });
        builtIn("Embedding", c -> {
            return new Embedding(c.integer("input_dim"), c.integer("output_dim"))
                    .maskZero(c.bool("mask_zero", false))
                    .embeddingsInitializer(c.initializer("embeddings_initializer",
                            Initializers.randomUniform(-0.05, 0.05)))
                    .embeddingsRegularizer(c.regularizer("embeddings_regularizer"));
        });
        builtIn("GlobalMaxPooling1D", c -> globalPooling(new GlobalMaxPooling1D(), c));
        builtIn("GlobalAveragePooling1D", c -> globalPooling(new GlobalAveragePooling1D(), c));
        builtIn("GlobalAveragePooling2D", c -> globalPooling(new GlobalAveragePooling2D(), c));
        builtIn("Activation", c -> new Activation(c.activation("activation")));
        // recurrent layers
        builtIn("SimpleRNN", c -> new SimpleRNN(c.integer("units")).configure(c));
        builtIn("LSTM", c -> new LSTM(c.integer("units")).configure(c)
                .unitForgetBias(c.bool("unit_forget_bias", true)));
        builtIn("GRU", c -> {
            c.require("reset_after", true);
            return new GRU(c.integer("units")).configure(c);
        });
        builtIn("Bidirectional", c -> {
            c.require("merge_mode", "concat");
            Object inner = c.map().get("layer");
            if (!(inner instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String name)) {
                throw new IllegalArgumentException(c.owner() + ": config key 'layer' expected {\"class_name\": .., "
                        + "\"config\": {..}}, found " + inner);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = m.get("config") instanceof Map<?, ?> cm ? (Map<String, Object>) cm : Map.of();
            return new Bidirectional(fromConfig(name, config));
        });
    }

    private LayerRegistry() {
    }

    /**
     * Registers (or replaces) the factory of a custom layer class; the factory reads the map that
     * the layer's {@link Layer#config()} wrote.
     */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        if (className == null || className.isBlank() || factory == null) {
            throw new IllegalArgumentException("register needs a class name and a factory, got " + className);
        }
        FACTORIES.put(className, c -> factory.apply(c.map()));
    }

    /** The class names {@link #fromConfig} knows, sorted. */
    public static Set<String> classNames() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    /**
     * A new, unbuilt layer of class {@code className} from {@code config}.
     *
     * @throws IllegalArgumentException for an unknown class name (listing the known ones) or a bad
     *                                  config value (naming the layer, the key, the expected and the found value)
     */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        return fromConfig(className, config, UnaryOperator.identity());
    }

    /**
     * Like {@link #fromConfig(String, Map)}, passing each of the layer's initializers through
     * {@code initializers} first; a model loader uses this to check every weight's size against the
     * values its file holds before anything is allocated.
     */
    public static Layer fromConfig(String className, Map<String, Object> config,
                                   UnaryOperator<Initializer> initializers) {
        Function<LayerConfig, Layer> factory = className == null ? null : FACTORIES.get(className);
        if (factory == null) {
            throw new IllegalArgumentException("unknown layer class '" + className + "'; known classes: " + classNames()
                    + " (register custom layers with LayerRegistry.register)");
        }
        LayerConfig c = new LayerConfig(className, config == null ? Map.of() : config, initializers);
        Layer layer = factory.apply(c);
        String name = c.string("name", null);
        if (name != null) {
            layer.name(name);
        }
        return layer.trainable(c.bool("trainable", true));
    }

    private static void builtIn(String className, Function<LayerConfig, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    private static Layer input(LayerConfig c) {
        for (String key : new String[]{"batch_shape", "batch_input_shape"}) {
            if (c.map().get(key) != null) {
                return new Input(c.longs(key, null, true));
            }
        }
        return new Input(c.longs("shape", null, false));
    }

    private static <T extends BaseConv<T>> T conv(T layer, LayerConfig c) {
        c.require("data_format", "channels_last");
        c.require("groups", 1L);
        int[] strides = c.ints("strides", new int[]{1});
        int[] dilation = c.ints("dilation_rate", new int[]{1});
        return layer.strides(strides).dilationRate(dilation).padding(c.string("padding", "valid"))
                .useBias(c.bool("use_bias", true))
                .kernelInitializer(c.initializer("kernel_initializer", Initializers.glorotUniform()))
                .biasInitializer(c.initializer("bias_initializer", Initializers.zeros()))
                .kernelRegularizer(c.regularizer("kernel_regularizer"))
                .biasRegularizer(c.regularizer("bias_regularizer"));
    }

    private static <T extends BasePooling2D<T>> T pooling(T layer, LayerConfig c) {
        c.require("data_format", "channels_last");
        if (c.map().get("strides") != null) {
            layer.strides(c.ints("strides", null));
        }
        return layer.padding(c.string("padding", "valid"));
    }

    private static Layer globalPooling(GlobalPooling layer, LayerConfig c) {
        c.require("data_format", "channels_last");
        c.require("keepdims", false);
        return layer;
    }
}
