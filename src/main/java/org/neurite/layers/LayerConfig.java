package org.neurite.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed reads from a layer's config map (as {@link Layer#config()} writes it, or as parsed from
 * JSON), with errors that name the layer class, the key, what was expected and what was found.
 * Keras 3's object form of initializers and regularizers ({@code {"class_name": .., "config": ..}})
 * is accepted too.
 */
final class LayerConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LayerConfig.class);

    private final String className;
    private final Map<String, Object> map;
    private final UnaryOperator<Initializer> initializers;

    LayerConfig(String className, Map<String, Object> map, UnaryOperator<Initializer> initializers) {
        this.className = className;
        this.map = map;
        this.initializers = initializers;
    }

    Map<String, Object> map() {
        return map;
    }

    /** A required whole number that fits an int. */
    int integer(String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw error(key, "a whole number", v);
        }
        return n.intValue();
    }

    /** A whole number that fits an int, {@code ifAbsent} when missing or null. */
    int integer(String key, int ifAbsent) {
        return map.get(key) == null ? ifAbsent : integer(key);
    }

    /** A required number. */
    double number(String key) {
        if (map.get(key) == null) {
            throw error(key, "a number", null);
        }
        return number(key, 0);
    }

    double number(String key, double ifAbsent) {
        Object v = map.get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!(v instanceof Number n)) {
            throw error(key, "a number", v);
        }
        return n.doubleValue();
    }

    boolean bool(String key, boolean ifAbsent) {
        Object v = map.get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!(v instanceof Boolean b)) {
            throw error(key, "true or false", v);
        }
        return b;
    }

    String string(String key, String ifAbsent) {
        Object v = map.get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!(v instanceof String s)) {
            throw error(key, "a string", v);
        }
        return s;
    }

    /** Checks that {@code key} is absent or equals {@code supported} (for options Neurite lacks). */
    void require(String key, Object supported) {
        Object v = map.get(key);
        boolean same = v == null || v.equals(supported)
                || v instanceof Number n && supported instanceof Number s && n.doubleValue() == s.doubleValue()
                || v instanceof List<?> l && l.size() == 1 && l.get(0).equals(supported);
        if (!same) {
            throw error(key, supported + " (the only value Neurite supports)", v);
        }
    }

    /** Whole numbers from a list or a single number; {@code ifAbsent} when missing or null (required if that is null). */
    int[] ints(String key, int[] ifAbsent) {
        long[] v = longs(key, ifAbsent == null ? null : Arrays.stream(ifAbsent).asLongStream().toArray(), false);
        return v == null ? null : Arrays.stream(v).mapToInt(x -> (int) x).toArray();
    }

    /**
     * A list of whole numbers, {@code ifAbsent} when missing (required if that is null); with
     * {@code batchFirst}, a leading null (the batch axis) is dropped.
     */
    long[] longs(String key, long[] ifAbsent, boolean batchFirst) {
        Object v = map.get(key);
        if (v == null && ifAbsent != null) {
            return ifAbsent;
        }
        List<?> list = v instanceof Number ? List.of(v) : v instanceof List<?> l ? l
                : v instanceof Object[] a ? Arrays.asList(a) : null;
        if (list != null && batchFirst && !list.isEmpty() && list.get(0) == null) {
            list = list.subList(1, list.size());
        }
        if (list == null || list.isEmpty() || list.size() > 32) {
            throw error(key, batchFirst ? "a shape [null, d1, ...]" : "a whole number or a list of them", v);
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw error(key, "whole numbers of at most " + Integer.MAX_VALUE + " in size", v);
            }
            out[i] = n.longValue();
        }
        return out;
    }

    ActivationFunction activation(String key) {
        String name = string(key, "linear");
        if ("custom".equals(name)) {
            throw new IllegalArgumentException(owner() + ": activation 'custom' (an unnamed lambda) cannot be rebuilt "
                    + "from a config; expected one of " + Activations.names() + "; to save a custom activation, "
                    + "register it under a name with Activations.register(\"my_activation\", x -> ...) and build "
                    + "the layer with that name");
        }
        return Activations.get(name);
    }

    /**
     * The initializer named under {@code key} (a name, or Keras's {@code {"class_name": ..}}), or
     * {@code fallback} when absent or not a built-in, passed through the loader's wrapper.
     */
    Initializer initializer(String key, Initializer fallback) {
        Object v = map.get(key);
        String name = v instanceof String s ? s
                : v instanceof Map<?, ?> m && m.get("class_name") instanceof String c ? snake(c) : null;
        Initializer init = fallback;
        if (name != null && Initializers.NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            init = Initializers.get(name);
        } else if (v != null) {
            LOG.debug("{}: {} {} is not a built-in initializer; using {}", owner(), key, v, fallback.name());
        }
        return initializers.apply(init);
    }

    Regularizer regularizer(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        Object inner = v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c ? c : v;
        if (!(inner instanceof Map<?, ?> m) || !m.values().stream().allMatch(x -> x == null || x instanceof Number)) {
            throw error(key, "null or {\"l1\": number, \"l2\": number}", v);
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        m.forEach((k, x) -> {
            if (x != null) {
                numbers.put(String.valueOf(k), x);
            }
        });
        return Regularizer.fromConfig(numbers);
    }

    String owner() {
        Object name = map.get("name");
        return className + (name instanceof String s ? " '" + s + "'" : "");
    }

    private IllegalArgumentException error(String key, String expected, Object found) {
        return new IllegalArgumentException(owner() + ": config key '" + key + "' expected " + expected + ", found "
                + (found instanceof String ? "\"" + found + "\"" : found));
    }

    private static String snake(String className) {
        return className.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
