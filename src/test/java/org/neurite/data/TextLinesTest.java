package org.neurite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesTest {
    @TempDir
    Path dir;

    private List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (TextLines in = TextLines.open(file, StandardCharsets.UTF_8)) {
            for (String line = in.next(); line != null; line = in.next()) {
                assertEquals(lines.size() + 1, in.lineNumber());
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void splitsAtNewlinesDropsCarriageReturnsAndTheByteOrderMark() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "\uFEFFcaf\u00e9\r\n\nlast \u20ac");
        assertEquals(List.of("caf\u00e9", "", "last \u20ac"), lines(file));
        assertEquals("\uFEFFcaf\u00e9\r\n\nlast \u20ac", TextLines.read(file, StandardCharsets.UTF_8),
                "read keeps the text as written");
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        try (TextLines in = TextLines.open(empty, StandardCharsets.UTF_8)) {
            assertNull(in.next());
        }
        String longLine = "x".repeat(200_000);
        Path big = Files.writeString(dir.resolve("big.txt"), longLine + "\n" + longLine + "\n");
        assertEquals(List.of(longLine, longLine), lines(big), "lines longer than the read buffer");
    }

    @Test
    void lineEndTellsWhichEndWasRemoved() throws IOException {
        String chunkEdge = "x".repeat((1 << 16) - 1);   // its \r is the last byte of the first read, its \n the next
        Path file = Files.writeString(dir.resolve("ends.txt"), "a\r\nb\nc\rd\r\n" + chunkEdge + "\r\nlast");
        List<String> ends = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (TextLines in = TextLines.open(file, StandardCharsets.UTF_8)) {
            for (String line = in.next(); line != null; line = in.next()) {
                lines.add(line);
                ends.add(in.lineEnd());
            }
        }
        assertEquals(List.of("a", "b", "c\rd", chunkEdge, "last"), lines, "a lone \\r does not end a line");
        assertEquals(List.of("\r\n", "\n", "\r\n", "\r\n", ""), ends);
    }

    @Test
    void gzipIsDetectedByContent() throws IOException {
        Path file = Files.write(dir.resolve("plain-name.txt"), DataFixtures.gzip("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("one", "two"), lines(file));
        assertEquals("one\ntwo\n", TextLines.read(file, StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8NamesFileLineAndByte() throws IOException {
        byte[] bytes = "ok\nab\u00e9c\n".getBytes(StandardCharsets.UTF_8);
        bytes[5] = (byte) 0xC3;
        bytes[6] = (byte) 0x28; // 0xC3 must be followed by a continuation byte
        Path file = Files.write(dir.resolve("bad.txt"), bytes);
        String expected = file + ":2: byte 3 of the line: expected UTF-8 text, found the invalid byte(s) 0xC3";
        assertEquals(expected, assertThrows(IOException.class, () -> lines(file)).getMessage());
        assertEquals(expected, assertThrows(IOException.class,
                () -> TextLines.read(file, StandardCharsets.UTF_8)).getMessage());
        assertEquals("ok\nab\u00c3(c\n", TextLines.read(file, StandardCharsets.ISO_8859_1), "every byte is Latin-1");
    }

    @Test
    void nulBytesAreNotText() throws IOException {
        byte[] bytes = Arrays.copyOf("first\nsecond\n".getBytes(StandardCharsets.US_ASCII), 20);
        Path file = Files.write(dir.resolve("padded.txt"), bytes);
        IOException e = assertThrows(IOException.class, () -> TextLines.read(file, StandardCharsets.ISO_8859_1));
        assertEquals(file + ":3: byte 1 of the line: expected text, found a NUL byte (binary data?)", e.getMessage());
    }

    @Test
    void missingFilesFoldersAndBrokenGzipNameTheFile() throws IOException {
        Path missing = dir.resolve("absent.txt");
        assertEquals(missing + ": no such file",
                assertThrows(IOException.class, () -> TextLines.read(missing, StandardCharsets.UTF_8)).getMessage());
        Path folder = Files.createDirectories(dir.resolve("folder.txt"));
        assertEquals(folder + ": is a folder, expected a file",
                assertThrows(IOException.class, () -> TextLines.open(folder, StandardCharsets.UTF_8)).getMessage());
        byte[] gz = DataFixtures.gzip("line\n".repeat(5000).getBytes(StandardCharsets.UTF_8));
        Path cut = Files.write(dir.resolve("cut.txt.gz"), Arrays.copyOf(gz, gz.length / 2));
        IOException streamed = assertThrows(IOException.class, () -> lines(cut));
        assertTrue(streamed.getMessage().startsWith(cut + ":") && streamed.getMessage()
                .contains(": corrupt or truncated gzip data: "), streamed.getMessage());
        IOException whole = assertThrows(IOException.class, () -> TextLines.read(cut, StandardCharsets.UTF_8));
        assertTrue(whole.getMessage().startsWith(cut + ": corrupt or truncated gzip data: "), whole.getMessage());
        Path header = Files.write(dir.resolve("header.gz"), Arrays.copyOf(gz, 5));
        IOException headerOnly = assertThrows(IOException.class, () -> lines(header));
        assertTrue(headerOnly.getMessage().startsWith(header + ": corrupt or truncated gzip data"),
                headerOnly.getMessage());
    }
}
