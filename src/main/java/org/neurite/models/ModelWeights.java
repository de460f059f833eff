package org.neurite.models;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neurite.io.SafeTensors;
import org.neurite.layers.Layer;
import org.neurite.layers.Weight;
import org.neurite.optimizers.Optimizer;
import org.neurite.tensor.Tensor;

/**
 * A model's weights and optimizer state as named arrays, and putting them back: exactly (a file
 * loaded with its own architecture), by position or by layer name (another model). Weights are
 * named "layer/weight" ("dense/kernel"), optimizer slots "layer/weight/slot" ("dense/kernel/m").
 * Every check runs before the first value is written, so a mismatch changes nothing.
 */
final class ModelWeights {
    static final String ITERATIONS = "iterations";

    private ModelWeights() {
    }

    /**
     * Sets every layer's weights from one list in {@link Network#getWeights()} order; every layer's
     * arrays are checked first, so a failed call changes nothing.
     */
    static void assign(Network model, List<INDArray> weights) {
        List<Layer> layers = model.layers();
        int expected = layers.stream().mapToInt(l -> l.weights().size()).sum();
        if (weights.size() != expected) {
            throw new IllegalArgumentException(model.name() + ": expected " + expected + " weight arrays but got "
                    + weights.size());
        }
        int i = 0;
        for (Layer layer : layers) {
            int n = layer.weights().size();
            layer.checkWeights(weights.subList(i, i + n));
            i += n;
        }
        i = 0;
        for (Layer layer : layers) {
            int n = layer.weights().size();
            layer.setWeights(weights.subList(i, i + n));
            i += n;
        }
    }

    /** Every weight of the model, trainable or not, in Keras order. */
    static Map<String, INDArray> of(Network model) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            for (Weight w : layer.weights()) {
                out.put(layer.name() + "/" + w.name(), w.value());
            }
        }
        return out;
    }

    /** Puts back the weights of a file written for this very architecture; any difference means a damaged file. */
    static void restore(Network model, Map<String, INDArray> tensors, String file) throws IOException {
        Map<String, INDArray> expected = of(model);
        if (!expected.keySet().equals(tensors.keySet())) {
            throw new IOException(file + ": the weights do not match the saved architecture: expected "
                    + expected.keySet() + ", found " + tensors.keySet());
        }
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            long[] found = tensors.get(e.getKey()).shape();
            if (!Arrays.equals(found, e.getValue().shape())) {
                throw new IOException(file + ": weight '" + e.getKey() + "' has shape " + Arrays.toString(found)
                        + " but the saved architecture needs " + Arrays.toString(e.getValue().shape()));
            }
        }
        expected.forEach((name, value) -> value.assign(tensors.get(name).castTo(value.dataType())));
    }

    /**
     * Loads another file's weights: layer by layer in order among the layers that have weights, or
     * with {@code byName} into the layers whose names the file has (the others are left as they
     * are). Returns the names of the layers loaded.
     *
     * @throws IllegalArgumentException naming the file, the layer and the expected and found shapes
     *                                  or weight names, when the architectures differ
     */
    static List<String> transfer(Network model, List<String> savedLayers, Map<String, INDArray> tensors,
                                 boolean byName, String file) {
        Map<String, Map<String, INDArray>> saved = new LinkedHashMap<>();
        for (String layer : savedLayers) {
            tensors.forEach((key, value) -> {
                if (key.startsWith(layer + "/") && key.indexOf('/') == layer.length()) {
                    saved.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(key.substring(layer.length() + 1), value);
                }
            });
        }
        List<Layer> targets = model.layers().stream().filter(l -> !l.weights().isEmpty()).toList();
        List<Layer> loaded = new ArrayList<>();
        List<Map<String, INDArray>> sources = new ArrayList<>();
        if (byName) {
            for (Layer layer : targets) {
                if (saved.containsKey(layer.name())) {
                    loaded.add(layer);
                    sources.add(check(layer, saved.get(layer.name()), layer.name(), file));
                }
            }
        } else {
            List<String> names = new ArrayList<>(saved.keySet());
            if (names.size() != targets.size()) {
                throw new IllegalArgumentException(file + ": holds weights of " + names.size() + " layers " + names
                        + " but model '" + model.name() + "' has " + targets.size() + " layers with weights "
                        + targets.stream().map(Layer::name).toList() + "; use loadWeightsByName for a partial load");
            }
            for (int i = 0; i < targets.size(); i++) {
                loaded.add(targets.get(i));
                sources.add(check(targets.get(i), saved.get(names.get(i)), names.get(i), file));
            }
        }
        for (int i = 0; i < loaded.size(); i++) {
            Layer layer = loaded.get(i);
            for (Weight w : layer.weights()) {
                w.assign(sources.get(i).get(w.name()), layer.name());
            }
        }
        return loaded.stream().map(Layer::name).toList();
    }

    private static Map<String, INDArray> check(Layer layer, Map<String, INDArray> saved, String source, String file) {
        List<String> expected = layer.weights().stream().map(Weight::name).toList();
        if (!saved.keySet().equals(new HashSet<>(expected))) {
            throw new IllegalArgumentException(file + ": layer '" + layer.name() + "' (" + layer.className()
                    + ") expects weights " + expected + " but the file's layer '" + source + "' has " + saved.keySet());
        }
        for (Weight w : layer.weights()) {
            long[] found = saved.get(w.name()).shape();
            if (!Arrays.equals(found, w.shape())) {
                throw new IllegalArgumentException(file + ": layer '" + layer.name() + "' (" + layer.className()
                        + ") weight '" + w.name() + "' expects shape " + Arrays.toString(w.shape())
                        + " but the file's layer '" + source + "' has " + Arrays.toString(found));
            }
        }
        return saved;
    }

    /**
     * The compiled optimizer's slots for the trainable weights, by name. When the optimizer updates
     * the flat parameter buffer as one array, its slots are cut into the weights' views.
     */
    static Map<String, INDArray> optimizerState(Network model, Optimizer optimizer) {
        List<Tensor> params = model.store().trainable();
        List<String> names = model.store().trainableNames();
        List<Tensor> targets = targets(model, optimizer);
        boolean flat = isFlat(params, targets);
        Map<String, INDArray> out = new LinkedHashMap<>();
        optimizer.state(targets).forEach((key, value) -> {
            int slash = key.indexOf('/');
            String slot = key.substring(slash + 1);
            if (!flat) {
                out.put(names.get(Integer.parseInt(key.substring(0, slash))) + "/" + slot, value);
                return;
            }
            long offset = 0;
            for (int i = 0; i < params.size(); i++) {
                long n = params.get(i).value().length();
                out.put(names.get(i) + "/" + slot,
                        value.get(NDArrayIndex.interval(offset, offset + n)).reshape('c', params.get(i).shape()));
                offset += n;
            }
        });
        return out;
    }

    /** Restores what {@link #optimizerState} saved, with the step count from the metadata. */
    static void restoreOptimizerState(Network model, Optimizer optimizer, SafeTensors.Content state, String file) throws IOException {
        List<Tensor> params = model.store().trainable();
        List<String> names = model.store().trainableNames();
        List<Tensor> targets = targets(model, optimizer);
        Map<String, Map<Integer, INDArray>> bySlot = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : state.tensors().entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            int i = slash < 0 ? -1 : names.indexOf(e.getKey().substring(0, slash));
            if (i < 0 || !Arrays.equals(e.getValue().shape(), params.get(i).shape())) {
                throw new IOException(file + ": optimizer state '" + e.getKey() + "' of shape "
                        + Arrays.toString(e.getValue().shape()) + " fits no trainable weight; expected "
                        + "'layer/weight/slot' with layer/weight in " + names + " and the weight's shape");
            }
            bySlot.computeIfAbsent(e.getKey().substring(slash + 1), k -> new HashMap<>()).put(i, e.getValue());
        }
        Map<String, INDArray> byIndex = new LinkedHashMap<>();
        boolean flat = isFlat(params, targets);
        for (Map.Entry<String, Map<Integer, INDArray>> e : bySlot.entrySet()) {
            if (!flat) {
                e.getValue().forEach((i, value) -> byIndex.put(i + "/" + e.getKey(), value));
                continue;
            }
            if (e.getValue().size() != params.size()) {
                throw new IOException(file + ": optimizer slot '" + e.getKey() + "' is saved for "
                        + e.getValue().size() + " of the " + params.size() + " trainable weights, expected all");
            }
            INDArray whole = Nd4j.create(targets.get(0).value().dataType(), targets.get(0).shape());
            long offset = 0;
            for (int i = 0; i < params.size(); i++) {
                long n = params.get(i).value().length();
                whole.get(NDArrayIndex.interval(offset, offset + n)).assign(e.getValue().get(i).reshape(n));
                offset += n;
            }
            byIndex.put("0/" + e.getKey(), whole);
        }
        String iterations = state.metadata().get(ITERATIONS);
        if (iterations == null || !iterations.matches("\\d{1,18}")) {
            throw new IOException(file + ": the optimizer state needs metadata \"" + ITERATIONS
                    + "\" (the step count, a whole number >= 0), found " + iterations);
        }
        try {
            optimizer.loadState(targets, byIndex, Long.parseLong(iterations));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The parameters the training loop hands the optimizer: the weights, or the whole flat buffer. */
    private static List<Tensor> targets(Network model, Optimizer optimizer) {
        return model.store().optimizerTargets(optimizer.updatesElementwise());
    }

    private static boolean isFlat(List<Tensor> params, List<Tensor> targets) {
        return !params.isEmpty() && targets.size() == 1 && targets.get(0) != params.get(0);
    }
}
