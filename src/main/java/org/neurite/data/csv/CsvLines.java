package org.neurite.data.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.neurite.data.TextLines;

/**
 * Feeds the lines of a {@link TextLines} to commons-csv, their ends kept as written, and remembers
 * where each line starts so that a record's character position becomes the line number of the
 * file ({@code TextLines} counts {@code \n} only, as the messages always have).
 *
 * <p>Each {@link #read} hands out at most one line, so when the parser stops at an error the
 * lines given out since the last record are the failing record's lines.
 */
final class CsvLines extends Reader {
    /** One line of the file: its number (from 1), its first character's position, its text without the end. */
    record Line(int number, long start, String text) {
    }

    private final TextLines lines;
    private final List<Line> held = new ArrayList<>();
    private String chunk = "";
    private int pos;
    private long offset;
    private int recordEnd;
    private IOException failure;

    CsvLines(TextLines lines) {
        this.lines = lines;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == chunk.length() && !nextLine()) {
            return -1;
        }
        int n = Math.min(len, chunk.length() - pos);
        chunk.getChars(pos, pos + n, buffer, off);
        pos += n;
        return n;
    }

    /**
     * The line on which the record starting at character {@code position} starts. Lines before it
     * are forgotten, so memory stays one record's worth.
     */
    Line recordAt(long position) {
        int i = held.size() - 1;
        while (i > 0 && held.get(i).start() > position) {
            i--;
        }
        held.subList(0, i).clear();
        recordEnd = held.size();
        return held.get(0);
    }

    /** The lines given out since the last record {@link #recordAt} located: those of a record that failed. */
    List<Line> sinceLastRecord() {
        return List.copyOf(held.subList(Math.min(recordEnd, held.size()), held.size()));
    }

    /** True when {@code e} is the reading error of the file itself (bad UTF-8, gzip), not a CSV syntax error. */
    boolean isReadFailure(Throwable e) {
        return e != null && e == failure;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private boolean nextLine() throws IOException {
        String text;
        try {
            text = lines.next();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (text == null) {
            return false;
        }
        held.add(new Line(lines.lineNumber(), offset, text));
        chunk = text + lines.lineEnd();
        pos = 0;
        offset += chunk.length();
        return true;
    }
}
