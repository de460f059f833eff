package org.neurite.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader and writer for configs and file headers, so that no JSON library is needed.
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

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value (surrounding whitespace allowed). */
    public static Object parse(String text) {
        Json p = new Json(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, found " + JsonWriter.describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Writes {@code value} compactly on one line. */
    public static String write(Object value) {
        return new JsonWriter(false).write(value);
    }

    /** Writes {@code value} indented by two spaces; arrays of plain values stay on one line. */
    public static String writePretty(Object value) {
        return new JsonWriter(true).write(value);
    }

    // ------------------------------------------------------------------ reader

    private Object value(int depth) {
        skipSpace();
        int c = peek();
        switch (c) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error(c < 0 ? "unexpected end of text" : "unexpected character '" + (char) c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a key in double quotes");
            }
            int at = pos;
            String key = string();
            skipSpace();
            expect(':');
            Object v = value(depth);
            if (out.containsKey(key)) {
                pos = at;
                throw error("duplicate key \"" + key + "\"");
            }
            out.put(key, v);
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value(depth));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek();
            if (c < 0) {
                throw error("unterminated string");
            }
            pos++;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            int e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> sb.append((char) e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(unicode());
                default -> throw error("bad escape in a string");
            }
        }
    }

    private char unicode() {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intDigits = digits();
        boolean whole = true;
        if (peek() == '.') {
            pos++;
            whole = false;
            if (digits() == 0) {
                throw error("digits expected after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            whole = false;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw error("digits expected in the exponent");
            }
        }
        if (intDigits == 0) {
            throw error("digits expected");
        }
        String n = text.substring(start, pos);
        if (whole && intDigits <= 18) {
            return Long.parseLong(n);
        }
        return Double.parseDouble(n);
    }

    private int digits() {
        int n = 0;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON at character " + pos + ": " + what);
    }
}
