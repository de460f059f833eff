package org.neurite.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV tokenizer on small files written here. */
class CsvRecordsTest {
    @TempDir
    Path dir;

    private List<CsvRecords.Record> records(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), text);
        List<CsvRecords.Record> all = new ArrayList<>();
        try (CsvRecords records = CsvRecords.open(file)) {
            for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
                all.add(r);
            }
        }
        return all;
    }

    @Test
    void unquotedCellsAreStrippedAndEmptyCellsKept() throws IOException {
        List<CsvRecords.Record> all = records(" a , b ,c\r\n\n  \n1,,\n,\n");
        assertEquals(3, all.size());
        assertEquals(List.of("a", "b", "c"), all.get(0).cells());
        assertEquals(new CsvRecords.Record(4, List.of("1", "", "")), all.get(1), "blank lines are skipped");
        assertEquals(List.of("", ""), all.get(2).cells());
    }

    @Test
    void quotedCellsHoldCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecords.Record> all = records("id,text\n"
                + "1,\"a,b\"\n"
                + "2, \"say \"\"hi\"\"\" \n"
                + "3,\"two\r\nlines, \"\"quoted\"\"\"\n"
                + "4,\"\"\n"
                + "5,\" kept \",5\"x\n");
        assertEquals(List.of("1", "a,b"), all.get(1).cells());
        assertEquals(List.of("2", "say \"hi\""), all.get(2).cells(), "spaces around the quotes are ignored");
        assertEquals(new CsvRecords.Record(4, List.of("3", "two\r\nlines, \"quoted\"")), all.get(3));
        assertEquals(new CsvRecords.Record(6, List.of("4", "")), all.get(4), "lines counted across the line break");
        assertEquals(List.of("5", " kept ", "5\"x"), all.get(5).cells(), "a quote inside an unquoted cell is text");
    }

    @Test
    void brokenQuotingNamesFileLineAndColumn() throws IOException {
        Path open = Files.writeString(dir.resolve("open.csv"), "a,b\n1,\"never\nclosed\n");
        try (CsvRecords records = CsvRecords.open(open)) {
            records.next();
            assertEquals(open + ":2, column 2: a quoted cell is never closed: expected a closing \" before the end "
                    + "of the file", assertThrows(IOException.class, records::next).getMessage());
        }
        Path after = Files.writeString(dir.resolve("after.csv"), "x,\"quoted\"tail,y\n");
        try (CsvRecords records = CsvRecords.open(after)) {
            assertEquals(after + ":1, column 2: expected a comma or the end of the line after the closing quote, "
                    + "found 't'", assertThrows(IOException.class, records::next).getMessage());
        }
    }

    @Test
    void lineBreaksInsideQuotesAreKeptExactly() throws IOException {
        // issue 11, case 7: "first line\r\nsecond line" used to be read with \n alone
        List<CsvRecords.Record> all = records("id,text\r\n"
                + "1,\"first line\r\nsecond line\"\r\n"
                + "2,\"unix\nbreak\"\n"
                + "3,\"old mac\rbreak\"\r\n"
                + "4,\"three\r\n\nkinds\r\n\"\n"
                + "5,\"\r\n\"\r\n");
        assertEquals(List.of("1", "first line\r\nsecond line"), all.get(1).cells());
        assertEquals(List.of("2", "unix\nbreak"), all.get(2).cells());
        assertEquals(List.of("3", "old mac\rbreak"), all.get(3).cells());
        assertEquals(new CsvRecords.Record(7, List.of("4", "three\r\n\nkinds\r\n")), all.get(4));
        assertEquals(new CsvRecords.Record(11, List.of("5", "\r\n")), all.get(5));
        assertEquals(6, all.size());
    }

    @Test
    void recordEndsOutsideQuotesAreStillNormalised() throws IOException {
        // a file with mixed line ends: \r\n and \n end records alike and never reach a cell
        List<CsvRecords.Record> all = records("\uFEFFa,b\r\n1,x\n2,\"y\"\r\n\r\n3, z \r\n4,\"w\r\nv\"\n5,end\r\n");
        assertEquals(List.of("a", "b"), all.get(0).cells(), "the byte order mark is skipped");
        assertEquals(List.of("1", "x"), all.get(1).cells());
        assertEquals(List.of("2", "y"), all.get(2).cells());
        assertEquals(new CsvRecords.Record(5, List.of("3", "z")), all.get(3), "the blank CRLF line is skipped");
        assertEquals(List.of("4", "w\r\nv"), all.get(4).cells());
        assertEquals(new CsvRecords.Record(8, List.of("5", "end")), all.get(5));
        assertEquals(6, all.size());
        // the last record may end without a line break, with or without a quoted cell
        assertEquals(List.of("1", "a\r\nb"), records("1,\"a\r\nb\"").get(0).cells());
        assertEquals(List.of("1", "2"), records("1,2\r\n").get(0).cells());
    }

    @Test
    void aLoneCarriageReturnEndsARecordButLinesCountNewlinesOnly() throws IOException {
        List<CsvRecords.Record> all = records("a,b\r1,2\n3,4\n");
        assertEquals(new CsvRecords.Record(1, List.of("a", "b")), all.get(0));
        assertEquals(new CsvRecords.Record(1, List.of("1", "2")), all.get(1), "on line 1: only \\n counts lines");
        assertEquals(new CsvRecords.Record(2, List.of("3", "4")), all.get(2));
    }

    @Test
    void aBrokenQuoteAfterGoodRecordsNamesItsOwnLineAndColumn() throws IOException {
        Path late = Files.writeString(dir.resolve("late.csv"), "a,b,c\n1,\"x\ny\",2\n\n3,4,\"z\"!\n");
        try (CsvRecords records = CsvRecords.open(late)) {
            records.next();
            records.next();
            assertEquals(late + ":5, column 3: expected a comma or the end of the line after the closing quote, "
                    + "found '!'", assertThrows(IOException.class, records::next).getMessage());
        }
    }
}
