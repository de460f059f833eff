package org.neurite.data.csv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.neurite.data.TextLines;

/**
 * Splits a UTF-8 CSV file into records of cells, following RFC 4180:
 * <ul>
 *   <li>cells are separated by commas; a record ends with its line ({@code \n} or {@code \r\n}, which
 *       may be mixed in one file; a lone {@code \r} does not end a line);</li>
 *   <li>a cell in double quotes may hold commas, line breaks and quotes written twice
 *       ({@code "say ""hi"", then go"} is {@code say "hi", then go}), and is kept exactly as
 *       written, its line breaks included: {@code \r\n}, {@code \n} and {@code \r} inside the
 *       quotes stay as they are; spaces around the quotes are ignored;</li>
 *   <li>an unquoted cell has its surrounding whitespace removed; a quote inside it is kept as an
 *       ordinary character;</li>
 *   <li>blank lines between records are skipped.</li>
 * </ul>
 * Text after a closing quote, and a quoted cell still open at the end of the file, are
 * {@link IOException}s naming the file, the line and the column. Reading is strict UTF-8
 * ({@link TextLines}), and gzipped files are read as well.
 */
final class CsvRecords implements Closeable {
    /** The cells of one record, which starts on line {@code line} of the file (from 1). */
    record Record(int line, List<String> cells) {
    }

    /**
     * Where records come from: a file, or the header and rows of a {@link CsvTable} (the header on
     * line 1, row {@code r} on line {@code r + 2}); its {@code toString} names it in messages.
     */
    record Source(String name, Path file, CsvTable table) {
        static Source of(Path file) {
            return new Source(file.toString(), file, null);
        }

        static Source of(CsvTable table) {
            return new Source("table", null, table);
        }

        CsvRecords open() throws IOException {
            return file != null ? CsvRecords.open(file) : new CsvRecords(this, table.records());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Object file;
    private final TextLines lines;
    private final Iterator<Record> given;

    private CsvRecords(Path file, TextLines lines) {
        this.file = file;
        this.lines = lines;
        this.given = null;
    }

    private CsvRecords(Source source, Iterator<Record> given) {
        this.file = source;
        this.lines = null;
        this.given = given;
    }

    /** Opens {@code file}. */
    static CsvRecords open(Path file) throws IOException {
        return new CsvRecords(file, TextLines.open(file, StandardCharsets.UTF_8));
    }

    /** The first record of {@code file} (its header, when it has one), or null when it has none. */
    static Record first(Source file) throws IOException {
        try (CsvRecords records = file.open()) {
            return records.next();
        }
    }

    /**
     * The column names: the cells of {@code first} when the file has a header (they must all
     * differ), else {@code column1}, {@code column2}, ...
     */
    static List<String> names(Object file, Record first, boolean header) throws IOException {
        if (!header) {
            return IntStream.rangeClosed(1, first.cells().size()).mapToObj(c -> "column" + c).toList();
        }
        List<String> names = first.cells();
        for (int c = 0; c < names.size(); c++) {
            int earlier = names.indexOf(names.get(c));
            if (earlier < c) {
                throw new IOException(file + ":" + first.line() + ": the header names column " + (earlier + 1)
                        + " and column " + (c + 1) + " both \"" + names.get(c) + "\", expected different names");
            }
        }
        return names;
    }

    /** {@code file:line, column c ("name")} for messages (the name only when the file has a header). */
    static String where(Object file, int line, int c, List<String> names) {
        String name = names.get(c);
        return file + ":" + line + ", column " + (c + 1) + (name.equals("column" + (c + 1)) ? "" : " (\"" + name + "\")");
    }

    /** Checks that {@code record} has {@code expected} cells, as the record on line {@code firstLine} has. */
    static void checkWidth(Object file, Record record, int expected, int firstLine) throws IOException {
        int found = record.cells().size();
        if (found != expected) {
            String hint = found < expected ? " (a row cut short?)" : " (an unquoted comma inside a cell?)";
            throw new IOException(file + ":" + record.line() + ": expected " + expected + " cells as on line "
                    + firstLine + ", found " + found + hint);
        }
    }

    /** The next record, or null after the last one. */
    Record next() throws IOException {
        if (given != null) {
            return given.hasNext() ? given.next() : null;
        }
        String text = lines.next();
        while (text != null && text.isBlank()) {
            text = lines.next();
        }
        if (text == null) {
            return null;
        }
        int start = lines.lineNumber();
        List<String> cells = new ArrayList<>();
        int i = 0;
        while (true) {
            int column = cells.size() + 1;
            int open = skipSpaces(text, i);
            if (open < text.length() && text.charAt(open) == '"') {
                StringBuilder cell = new StringBuilder();
                i = open + 1;
                while (true) {
                    int quote = text.indexOf('"', i);
                    if (quote < 0) {
                        cell.append(text, i, text.length()).append(lines.lineEnd());   // \n or \r\n, as written
                        text = lines.next();
                        if (text == null) {
                            throw new IOException(file + ":" + start + ", column " + column + ": a quoted cell "
                                    + "is never closed: expected a closing \" before the end of the file");
                        }
                        i = 0;
                    } else if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        cell.append(text, i, quote + 1);
                        i = quote + 2;
                    } else {
                        cell.append(text, i, quote);
                        i = skipSpaces(text, quote + 1);
                        break;
                    }
                }
                cells.add(cell.toString());
                if (i < text.length() && text.charAt(i) != ',') {
                    throw new IOException(file + ":" + lines.lineNumber() + ", column " + column + ": expected a "
                            + "comma or the end of the line after the closing quote, found '" + text.charAt(i) + "'");
                }
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? text.length() : comma;
                cells.add(text.substring(i, end).strip());
                i = end;
            }
            if (i >= text.length()) {
                return new Record(start, cells);
            }
            i++;
        }
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
