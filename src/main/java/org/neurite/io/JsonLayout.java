package org.neurite.io;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

/**
 * The indented layout model files have always used, for Jackson: two spaces a level,
 * {@code "key": value}, {@code {}} and {@code []} when empty, and an array of plain values on one
 * line ({@code [3, 3]}) while an array holding objects or arrays puts each on its own line.
 * Jackson cannot see what an array holds before writing it, so {@link JsonWriter} says so first.
 */
final class JsonLayout implements PrettyPrinter {
    private final Deque<Boolean> flatArrays = new ArrayDeque<>();
    private boolean nextFlat = true;
    private int depth;

    /** Whether the array about to start holds only plain values. */
    void nextArrayFlat(boolean flat) {
        nextFlat = flat;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        depth--;
        if (entries > 0) {
            newline(g);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        flatArrays.push(nextFlat);
        nextFlat = true;
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (!flatArrays.element()) {
            newline(g);
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        boolean flat = flatArrays.element();
        g.writeRaw(flat ? ", " : ",");
        if (!flat) {
            newline(g);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        depth--;
        if (!flatArrays.pop() && values > 0) {
            newline(g);
        }
        g.writeRaw(']');
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw("\n" + "  ".repeat(depth));
    }
}
