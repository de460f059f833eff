package org.neurite.models;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neurite.io.Json;
import org.neurite.layers.Layer;
import org.neurite.layers.LayerRegistry;
import org.neurite.losses.Loss;
import org.neurite.losses.Losses;
import org.neurite.metrics.Metric;
import org.neurite.metrics.Metrics;
import org.neurite.optimizers.LearningRateSchedule;
import org.neurite.optimizers.Optimizer;
import org.neurite.optimizers.Optimizers;
import org.neurite.optimizers.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code config.json} of a model file: the format and its version, the architecture in
 * Keras's shape ({@code class_name} and {@code config} per layer) and the compile configuration
 * (optimizer, loss, metric names). See docs/saving.md for the schema.
 */
final class ModelConfig {
    /** The format version this Neurite writes, and the newest it reads. */
    static final int FORMAT_VERSION = 1;
    static final String FORMAT = "neurite";
    static final String SEQUENTIAL = "Sequential";
    static final String FUNCTIONAL = "Functional";

    private static final Logger LOG = LoggerFactory.getLogger(ModelConfig.class);

    private ModelConfig() {
    }

    /**
     * The config of {@code model}, ready for {@link Json#writePretty}.
     *
     * @throws IOException (without the file name) when the compile configuration holds an object
     *                     that cannot be written, such as a lambda learning-rate schedule
     */
    static Map<String, Object> of(Model model) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("format_version", FORMAT_VERSION);
        String version = ModelConfig.class.getPackage().getImplementationVersion();
        out.put("neurite_version", version == null ? "development" : version);
        boolean sequential = model instanceof Sequential;
        out.put("class_name", sequential ? SEQUENTIAL : FUNCTIONAL);
        out.put("config", sequential ? sequentialConfig((Sequential) model) : FunctionalConfig.of(model.graph(), model.name()));
        if (!model.isCompiled()) {
            model.warn(model.name() + ": saved without a compile configuration (the model is not compiled); the "
                    + "loaded model must be compiled before fit or evaluate");
        }
        out.put("compile_config", model.isCompiled() ? compileConfig(model) : null);
        return out;
    }

    private static Map<String, Object> sequentialConfig(Sequential model) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        long[] input = model.inputShape();
        config.put("build_input_shape", input == null ? null : batchShape(input));
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            layers.add(classAndConfig(layer.className(), layer.config()));
        }
        config.put("layers", layers);
        return config;
    }

    private static Map<String, Object> compileConfig(Model model) throws IOException {
        Optimizer optimizer = model.optimizer();
        LearningRateSchedule schedule = optimizer.schedule();
        if (schedule != null && (schedule.className() == null || schedule.className().isBlank())) {
            throw new IOException("the optimizer's learning-rate schedule " + describe(schedule) + " has no class "
                    + "name (a lambda) and cannot be saved with the compile configuration; make it a class that "
                    + "implements LearningRateSchedule.className() and config() and register it with "
                    + "Schedules.register(\"MySchedule\", config -> new MySchedule(...)), or compile with a built-in "
                    + "schedule (" + String.join(", ", Schedules.classNames()) + ")");
        }
        Map<String, Object> optimizerConfig = new LinkedHashMap<>();
        optimizerConfig.put("name", optimizer.name());
        optimizerConfig.putAll(optimizer.config());
        writable(optimizerConfig, "the optimizer's config (" + optimizer.name() + ")");
        Loss loss = model.loss();
        if (loss.name() == null || loss.name().isBlank()) {
            throw new IOException("the loss " + describe(loss) + " has no name() and cannot be saved; give it a name "
                    + "and register it with Losses.register(\"my_loss\", config -> new ...)");
        }
        Map<String, Object> lossConfig = new LinkedHashMap<>();
        lossConfig.put("name", loss.name());
        lossConfig.put("reduction", "sum_over_batch_size");
        lossConfig.putAll(loss.config());
        writable(lossConfig, "the config of the loss '" + loss.name() + "'");
        List<Object> metrics = new ArrayList<>();
        for (Metric metric : model.metrics()) {
            if (!Metrics.isKnown(metric.name()) && metric.getClass().getPackageName().equals("org.neurite.metrics")) {
                String warning = model.name() + ": metric '" + metric.name() + "' has no name to be restored by and "
                        + "is left out of the saved compile configuration";
                LOG.warn(warning);
                model.warn(warning);
                continue;
            }
            Map<String, Object> options = metric.config();
            if (options.isEmpty()) {
                metrics.add(metric.name());
            } else {
                Map<String, Object> metricConfig = new LinkedHashMap<>();
                metricConfig.put("name", metric.name());
                metricConfig.putAll(options);
                writable(metricConfig, "the config of the metric '" + metric.name() + "'");
                metrics.add(classAndConfig(metric.getClass().getSimpleName(), metricConfig));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("optimizer", classAndConfig(optimizer.getClass().getSimpleName(), optimizerConfig));
        out.put("loss", classAndConfig(loss.getClass().getSimpleName(), lossConfig));
        out.put("metrics", metrics);
        return out;
    }

    /** Throws when {@code config} holds a value that JSON cannot hold. */
    private static void writable(Map<String, Object> config, String what) throws IOException {
        try {
            Json.write(config);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + " cannot be written: " + e.getMessage() + "; config() may hold only "
                    + "numbers, strings, booleans, null, lists and maps", e);
        }
    }

    private static String describe(Object o) {
        return "'" + abbreviate(o) + "' (" + (o.getClass().isSynthetic() || o.getClass().isAnonymousClass()
                ? "a lambda or anonymous class" : o.getClass().getName()) + ")";
    }

    /**
     * The model described by {@code json} (its format already checked), built when the file says it
     * was, each weight checked against the file by {@code budget}; not compiled.
     */
    static Model model(Map<String, Object> json, String file, WeightBudget budget) throws IOException {
        Map<String, Object> config = map(json.get("config"), "config", file);
        if (FUNCTIONAL.equals(json.get("class_name"))) {
            return FunctionalConfig.model(config, file, budget);
        }
        List<Layer> layers = new ArrayList<>();
        List<?> entries = config.get("layers") instanceof List<?> l ? l : null;
        if (entries == null) {
            throw new IOException(file + ": config.layers must be a list of layers");
        }
        for (int i = 0; i < entries.size(); i++) {
            layers.add(layer(entries.get(i), i, file, budget));
        }
        Sequential model = new Sequential(layers.toArray(new Layer[0]));
        if (config.get("name") instanceof String name) {
            model.name(name);
        }
        if (config.get("build_input_shape") instanceof List<?> shape && !model.isBuilt()) {
            model.build(exampleShape(shape, file));
        }
        return model;
    }

    /** Layer {@code i} of a saved architecture: {@code {"class_name": ..., "config": {...}}}. */
    static Layer layer(Object saved, int i, String file, WeightBudget budget) throws IOException {
        Map<String, Object> entry = map(saved, "layer " + i, file);
        Object className = entry.get("class_name");
        Map<String, Object> layerConfig = map(entry.get("config"), "config of layer " + i, file);
        try {
            return LayerRegistry.fromConfig(className instanceof String s ? s : null, layerConfig,
                    budget.forLayer(String.valueOf(layerConfig.get("name"))));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": layer " + i + " (" + className + "): " + e.getMessage(), e);
        }
    }

    /** Checks that {@code json} is a Neurite model (Sequential or Functional) of a format version this code reads. */
    static void checkFormat(Map<String, Object> json, String file) throws IOException {
        Object format = json.get("format");
        Object version = json.get("format_version");
        if (!FORMAT.equals(format) || !(version instanceof Long v) || v < 1) {
            throw new IOException(file + ": not a Neurite model file: config.json needs \"format\": \"neurite\" and a "
                    + "format_version >= 1, found " + format + " and " + version);
        }
        if (v > FORMAT_VERSION) {
            throw new IOException(file + ": written in Neurite model format version " + v + ", but this Neurite "
                    + "reads versions 1 to " + FORMAT_VERSION + "; upgrade Neurite to load it");
        }
        if (!SEQUENTIAL.equals(json.get("class_name")) && !FUNCTIONAL.equals(json.get("class_name"))) {
            throw new IOException(file + ": expected class_name \"Sequential\" or \"Functional\", found "
                    + json.get("class_name"));
        }
    }

    /** The layer names of a saved architecture, in order. */
    static List<String> layerNames(Map<String, Object> json, String file) throws IOException {
        List<String> names = new ArrayList<>();
        if (json.get("config") instanceof Map<?, ?> c && c.get("layers") instanceof List<?> layers) {
            for (Object layer : layers) {
                if (layer instanceof Map<?, ?> l && l.get("config") instanceof Map<?, ?> lc
                        && lc.get("name") instanceof String name) {
                    names.add(name);
                }
            }
            return names;
        }
        throw new IOException(file + ": config.layers must be a list of layers");
    }

    /** Compiles {@code model} as the file's compile_config says; does nothing when it has none. */
    static void compile(Model model, Map<String, Object> json, String file) throws IOException {
        if (json.get("compile_config") == null) {
            model.warn(file + ": the model was saved without its compile configuration (it was not compiled); "
                    + "compile it before fit or evaluate");
            return;
        }
        Map<String, Object> compile = map(json.get("compile_config"), "compile_config", file);
        Map<String, Object> optimizer = map(compile.get("optimizer"), "compile_config.optimizer", file);
        Map<String, Object> loss = map(compile.get("loss"), "compile_config.loss", file);
        Map<String, Object> optimizerConfig = map(optimizer.get("config"), "the optimizer's config", file);
        Map<String, Object> lossConfig = map(loss.get("config"), "the loss's config", file);
        String lossName = name(lossConfig, loss);
        if (!Losses.isKnown(lossName)) {
            throw new IOException(file + ": the loss '" + lossName + "' (class " + loss.get("class_name") + ") is "
                    + "neither built in nor registered; call Losses.register(\"" + lossName + "\", config -> new "
                    + loss.get("class_name") + "(...)) before loading (or build the model in code and use "
                    + "loadWeights to recover its weights)");
        }
        if (optimizerConfig.get("learning_rate") instanceof Map<?, ?> rate && rate.get("class_name") instanceof String
                schedule && !Schedules.isKnown(schedule)) {
            throw new IOException(file + ": the learning-rate schedule '" + schedule + "' is neither built in nor "
                    + "registered; call Schedules.register(\"" + schedule + "\", config -> new " + schedule
                    + "(...)) before loading (or build the model in code and use loadWeights to recover its weights)");
        }
        Optimizer o;
        Loss l;
        try {
            o = Optimizers.fromConfig(name(optimizerConfig, optimizer), optimizerConfig);
            l = Losses.fromConfig(lossName, lossConfig);
        } catch (RuntimeException e) {
            throw new IOException(file + ": cannot restore the compile configuration: " + e.getMessage()
                    + "; build the model in code and use loadWeights to recover its weights", e);
        }
        List<Metric> metrics = new ArrayList<>();
        if (compile.get("metrics") instanceof List<?> entries) {
            for (Object entry : entries) {
                String name;
                Map<String, Object> options = Map.of();
                String className = null;
                if (entry instanceof Map<?, ?>) {
                    Map<String, Object> m = map(entry, "a metric of compile_config.metrics", file);
                    Map<String, Object> c = map(m.get("config"), "the metric's config", file);
                    className = m.get("class_name") instanceof String s ? s : null;
                    name = name(c, m);
                    options = new LinkedHashMap<>(c);
                    options.remove("name");
                } else {
                    name = String.valueOf(entry);
                }
                if ("confusion_matrix".equals(name)) {   // written by Neurite before it left such metrics out
                    String warning = file + ": metric '" + name + "' cannot be restored by name and is left out";
                    LOG.warn(warning);
                    model.warn(warning);
                    continue;
                }
                if (!Metrics.isKnown(name)) {
                    throw new IOException(file + ": the metric '" + name + "'" + (className == null ? ""
                            : " (class " + className + ")") + " is neither built in nor registered; call "
                            + "Metrics.register(\"" + name + "\", config -> new " + (className == null ? "MyMetric"
                            : className) + "(...)) before loading");
                }
                try {
                    metrics.add(Metrics.resolve(Metrics.fromConfig(name, options), l));
                } catch (RuntimeException e) {
                    throw new IOException(file + ": cannot restore the metric '" + name + "': " + e.getMessage(), e);
                }
            }
        }
        model.compile(o, l, metrics.toArray(new Metric[0]));
    }

    private static String name(Map<String, Object> config, Map<String, Object> outer) {
        Object name = config.get("name") != null ? config.get("name") : outer.get("class_name");
        return name instanceof String s ? s : null;
    }

    static Map<String, Object> classAndConfig(String className, Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", className);
        out.put("config", config);
        return out;
    }

    static Object[] batchShape(long[] shape) {
        Object[] out = new Object[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
            out[i + 1] = shape[i];
        }
        return out;
    }

    private static long[] exampleShape(List<?> batchShape, String file) throws IOException {
        if (batchShape.size() < 2 || batchShape.size() > 33 || batchShape.get(0) != null
                || !batchShape.subList(1, batchShape.size()).stream().allMatch(d -> d instanceof Long l && l > 0)) {
            throw new IOException(file + ": build_input_shape must be [null, d1, ...] with positive sizes, found "
                    + batchShape);
        }
        return batchShape.subList(1, batchShape.size()).stream().mapToLong(d -> (Long) d).toArray();
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what, String file) throws IOException {
        if (!(value instanceof Map)) {
            throw new IOException(file + ": " + what + " must be a JSON object, found "
                    + (value == null ? "nothing" : abbreviate(value)));
        }
        return (Map<String, Object>) value;
    }
}
