package org.neurite.io;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** The writing half of {@link Json}: compact or indented, arrays of plain values on one line. */
final class JsonWriter {
    private final boolean pretty;
    private final StringBuilder out = new StringBuilder();

    JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    String write(Object value) {
        value(value, 0);
        return out.toString();
    }

    private void value(Object v, int indent) {
        Object value = normalise(v);
        if (value == null || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number n) {
            number(n);
        } else if (value instanceof CharSequence s) {
            string(s.toString());
        } else if (value instanceof Map<?, ?> map) {
            object(map, indent);
        } else if (value instanceof Collection<?> list) {
            array(list, indent);
        } else {
            throw new IllegalArgumentException("cannot write " + describe(value) + " as JSON");
        }
    }

    private void object(Map<?, ?> map, int indent) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            newline(indent + 1);
            string(String.valueOf(e.getKey()));
            out.append(pretty ? ": " : ":");
            value(e.getValue(), indent + 1);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(indent);
        out.append('}');
    }

    private void array(Collection<?> list, int indent) {
        boolean flat = !pretty || list.stream().map(JsonWriter::normalise)
                .noneMatch(x -> x instanceof Map || x instanceof Collection);
        out.append('[');
        int i = 0;
        for (Object item : list) {
            if (i++ > 0) {
                out.append(flat && pretty ? ", " : ",");
            }
            if (!flat) {
                newline(indent + 1);
            }
            value(item, indent + 1);
        }
        if (!flat && !list.isEmpty()) {
            newline(indent);
        }
        out.append(']');
    }

    private void number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d + "; only finite numbers can be written");
            }
            out.append(Double.toString(d));
        } else {
            out.append(n);
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void newline(int indent) {
        if (pretty) {
            out.append('\n').append("  ".repeat(indent));
        }
    }

    /** Primitive and object arrays as lists; everything else unchanged. */
    private static Object normalise(Object v) {
        if (v instanceof int[] a) {
            return Arrays.stream(a).boxed().toList();
        }
        if (v instanceof long[] a) {
            return Arrays.stream(a).boxed().toList();
        }
        if (v instanceof double[] a) {
            return Arrays.stream(a).boxed().toList();
        }
        if (v instanceof Object[] a) {
            return Arrays.asList(a);
        }
        return v;
    }

    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
