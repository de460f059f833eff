package org.neurite.optimizers;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading numbers, flags and lists out of a config map (as parsed from JSON) with errors that name the key. */
final class ConfigValues {
    private ConfigValues() {
    }

    /** Throws unless every key of {@code config} is in {@code known}. */
    static void checkKeys(String owner, Map<String, Object> config, Set<String> known) {
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(owner + ": unknown config key '" + key + "'; known keys: " + known);
            }
        }
    }

    /** The number under {@code key}; a missing key gives {@code ifAbsent}, NaN meaning "required". */
    static double number(String owner, Map<String, Object> config, String key, double ifAbsent) {
        Object v = config.get(key);
        if (v == null) {
            if (Double.isNaN(ifAbsent)) {
                throw new IllegalArgumentException(owner + ": config key '" + key + "' is required");
            }
            return ifAbsent;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' needs a number, got " + v);
        }
        return n.doubleValue();
    }

    static boolean bool(String owner, Map<String, Object> config, String key, boolean ifAbsent) {
        Object v = config.get(key);
        if (v == null) {
            return ifAbsent;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' needs true or false, got " + v);
        }
        return b;
    }

    /** The list of numbers under the required {@code key}. */
    static double[] numbers(String owner, Map<String, Object> config, String key) {
        if (!(config.get(key) instanceof List<?> list)) {
            throw new IllegalArgumentException(owner + ": config key '" + key + "' needs a list of numbers, got "
                    + config.get(key));
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException(owner + ": config key '" + key + "' needs numbers, got " + list);
            }
            out[i] = n.doubleValue();
        }
        return out;
    }
}
