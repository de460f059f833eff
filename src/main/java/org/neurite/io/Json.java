package org.neurite.io;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON for configs and file headers, read and written with Jackson.
 *
 * <p>Reading gives {@link LinkedHashMap} (key order kept), {@link List}, {@link String},
 * {@link Long} (whole numbers that fit), {@link Double}, {@link Boolean} and {@code null}.
 * Writing takes those plus any {@link Number}, {@code int[]}, {@code long[]}, {@code double[]}
 * and {@code Object[]}.
 *
 * <pre>{@code
 * Map<String, Object> config = Json.parseObject("{\"units\": 64, \"activation\": \"relu\"}");
 * String text = Json.write(config);   // {"units":64,"activation":"relu"}
 * }</pre>
 *
 * Malformed text is an {@link IllegalArgumentException} that gives the position; nesting deeper
 * than {@value #MAX_DEPTH} levels and duplicate keys are rejected, so untrusted input can neither
 * exhaust the stack nor be read two ways.
 */
public final class Json {
    /** The deepest nesting of arrays and objects accepted by {@link #parse}. */
    public static final int MAX_DEPTH = 64;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper READER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses one JSON value (surrounding whitespace allowed). */
    public static Object parse(String text) {
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException("malformed JSON: nested deeper than " + MAX_DEPTH + " levels", e);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new IllegalArgumentException("malformed JSON at character " + at + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("malformed JSON at character " + text.length() + ": no value");
        }
        return plain(root);
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, found " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Writes {@code value} compactly on one line. */
    public static String write(Object value) {
        return JsonWriter.write(value, false);
    }

    /** Writes {@code value} indented by two spaces; arrays of plain values stay on one line. */
    public static String writePretty(Object value) {
        return JsonWriter.write(value, true);
    }

    /** {@code value} for messages: its class and text. */
    static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    /** Jackson's tree as plain Java values; whole numbers beyond a long become doubles. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.put(field.getKey(), plain(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>(node.size());
            node.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
