package org.neurite.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The writing half of {@link Json}: walks maps, collections, arrays and plain values onto a Jackson
 * generator (which escapes and formats), refusing what JSON cannot hold.
 */
final class JsonWriter {
    private final JsonGenerator out;
    private final JsonLayout layout;

    private JsonWriter(JsonGenerator out, JsonLayout layout) {
        this.out = out;
        this.layout = layout;
    }

    static String write(Object value, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = Json.FACTORY.createGenerator(text)) {
            JsonLayout layout = pretty ? new JsonLayout() : null;
            generator.setPrettyPrinter(layout);
            new JsonWriter(generator, layout).value(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringWriter does not fail
        }
        return text.toString();
    }

    private void value(Object v) throws IOException {
        Object value = normalise(v);
        if (value == null) {
            out.writeNull();
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Number n) {
            number(n);
        } else if (value instanceof CharSequence s) {
            out.writeString(s.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                value(e.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            if (layout != null) {
                layout.nextArrayFlat(list.stream().map(JsonWriter::normalise)
                        .noneMatch(x -> x instanceof Map || x instanceof Collection));
            }
            out.writeStartArray();
            for (Object item : list) {
                value(item);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write " + Json.describe(value) + " as JSON");
        }
    }

    /** Floats are written as the double they widen to, as files always had them. */
    private void number(Number n) throws IOException {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d + "; only finite numbers can be written");
            }
            out.writeNumber(d);
        } else {
            out.writeNumber(n.toString());
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
}
