package org.neurite.data.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.neurite.data.TextLines;

/**
 * Splits a UTF-8 CSV file into records of cells with Apache commons-csv, following RFC 4180:
 * <ul>
 *   <li>cells are separated by commas; a record ends with its line ({@code \n} or {@code \r\n}, which
 *       may be mixed in one file; outside quotes a lone {@code \r} ends a record too, but line
 *       numbers count {@code \n} only);</li>
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
 * ({@link TextLines}, through {@link CsvLines}), and gzipped files are read as well.
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

    /** RFC 4180; spaces around cells ignored; blank lines kept as records so that positions stay exact. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).build();

    private final Object file;
    private final CsvLines input;
    private final Iterator<CSVRecord> records;
    private final Iterator<Record> given;

    private CsvRecords(Path file, CsvLines input) throws IOException {
        this.file = file;
        this.input = input;
        this.records = FORMAT.parse(input).iterator();
        this.given = null;
    }

    private CsvRecords(Source source, Iterator<Record> given) {
        this.file = source;
        this.input = null;
        this.records = null;
        this.given = given;
    }

    /** Opens {@code file}. */
    static CsvRecords open(Path file) throws IOException {
        return new CsvRecords(file, new CsvLines(TextLines.open(file, StandardCharsets.UTF_8)));
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
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                throw located(e.getCause());
            }
            CsvLines.Line line = input.recordAt(record.getCharacterPosition());
            boolean blankLine = record.size() == 1 && record.get(0).isEmpty() && line.text().isBlank();
            if (!blankLine) {
                return new Record(line.number(), record.toList());
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (input != null) {
            input.close();
        }
    }

    /** The reading error as it is, or commons-csv's syntax error located by line and column. */
    private IOException located(IOException cause) {
        if (input.isReadFailure(cause)) {
            return cause;
        }
        IOException located = syntaxError(input.sinceLastRecord());
        return located != null ? located : new IOException(file + ": " + cause.getMessage(), cause);
    }

    private enum Cell { START, PLAIN, QUOTED, AFTER_QUOTE }

    /**
     * Walks the lines of the record commons-csv refused, to name the column it stopped in (its own
     * message counts a lone {@code \r} as a line and names no column); null when none is found.
     */
    private IOException syntaxError(List<CsvLines.Line> lines) {
        Cell state = Cell.START;
        int column = 1;
        for (CsvLines.Line line : lines) {
            String text = line.text();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean space = Character.isWhitespace(c);
                if (c == ',' && state != Cell.QUOTED) {
                    state = Cell.START;
                    column++;
                } else if (state == Cell.START && c == '"') {
                    state = Cell.QUOTED;
                } else if (state == Cell.START && !space) {
                    state = Cell.PLAIN;
                } else if (state == Cell.QUOTED && c == '"') {
                    boolean doubled = i + 1 < text.length() && text.charAt(i + 1) == '"';
                    i += doubled ? 1 : 0;
                    state = doubled ? Cell.QUOTED : Cell.AFTER_QUOTE;
                } else if (state == Cell.AFTER_QUOTE && !space) {
                    return new IOException(file + ":" + line.number() + ", column " + column + ": expected a "
                            + "comma or the end of the line after the closing quote, found '" + c + "'");
                }
            }
            if (state != Cell.QUOTED) {
                return null;
            }
        }
        return lines.isEmpty() ? null : new IOException(file + ":" + lines.get(0).number() + ", column " + column
                + ": a quoted cell is never closed: expected a closing \" before the end of the file");
    }
}
