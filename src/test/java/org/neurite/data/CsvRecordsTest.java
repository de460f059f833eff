package org.neurite.data;

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
        assertEquals(new CsvRecords.Record(4, List.of("3", "two\nlines, \"quoted\"")), all.get(3));
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
}
