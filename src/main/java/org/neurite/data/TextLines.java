package org.neurite.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the text files of the loaders strictly. Bytes that are not valid in the file's encoding
 * are an {@link IOException} naming the file, the line and the byte, instead of being replaced by
 * U+FFFD; so is a NUL byte (0x00), which no text file holds but binary data and files cut short and
 * padded with zeros do. A file that starts with the gzip magic {@code 1f 8b} is decompressed,
 * whatever its name, and a broken gzip stream is an {@code IOException} naming the file. A missing
 * file, or a folder where a file is expected, says so.
 *
 * <p>{@link #next()} gives one line at a time, split at {@code \n} only; a {@code \r} before it is
 * removed, and so is a UTF-8 byte order mark at the start of the file. {@link #lineEnd()} tells
 * which end was removed, for readers that must keep line breaks exactly (quoted CSV cells).
 */
public final class TextLines implements Closeable {
    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    private final CharsetDecoder decoder;
    private final boolean utf8;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineNumber;
    private String lineEnd = "";

    private TextLines(Path file, InputStream in, boolean gzip, Charset charset) {
        this.file = file;
        this.in = in;
        this.gzip = gzip;
        this.decoder = strict(charset);
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
    }

    /** Opens {@code file} for reading line by line. */
    public static TextLines open(Path file, Charset charset) throws IOException {
        InputStream raw = rawStream(file);
        boolean gzip = isGzip(raw);
        return new TextLines(file, gzip ? gunzip(file, raw) : raw, gzip, charset);
    }

    /** The whole of {@code file} as one string, line ends kept as they are. */
    public static String read(Path file, Charset charset) throws IOException {
        checkFile(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw readError(file, false, 0, e);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b) {
            InputStream gzip = gunzip(file, new ByteArrayInputStream(bytes));
            try (gzip) {
                bytes = gzip.readAllBytes();
            } catch (IOException e) {
                throw readError(file, true, 0, e);
            }
        }
        return decode(file, strict(charset), bytes, bytes.length, 1);
    }

    /** The next line without its end, or null after the last one. */
    public String next() throws IOException {
        int length = 0;
        boolean any = false;
        boolean newline = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            int n = chunkPos - start;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(2 * line.length, length + n));
            }
            System.arraycopy(chunk, start, line, length, n);
            length += n;
            if (chunkPos < chunkEnd) {
                chunkPos++;
                newline = true;
                break;
            }
        }
        lineNumber++;
        boolean carriageReturn = length > 0 && line[length - 1] == '\r';
        if (carriageReturn) {
            length--;
        }
        lineEnd = (carriageReturn ? "\r" : "") + (newline ? "\n" : "");
        String text = decode(file, decoder, line, length, lineNumber);
        return lineNumber == 1 && utf8 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The end removed from the line {@link #next()} returned last: {@code "\n"}, {@code "\r\n"}, or
     * at the end of the file {@code ""} (or {@code "\r"} for a file whose last byte is a {@code \r}).
     */
    public String lineEnd() {
        return lineEnd;
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    public int lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        try {
            int n = in.readNBytes(chunk, 0, CHUNK);
            chunkPos = 0;
            chunkEnd = n;
            return n > 0;
        } catch (IOException e) {
            throw readError(file, gzip, lineNumber + 1, e);
        }
    }

    private static void checkFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, expected a file");
        }
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file");
        }
    }

    private static InputStream rawStream(Path file) throws IOException {
        checkFile(file);
        try {
            return new BufferedInputStream(Files.newInputStream(file), CHUNK);
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e, e);
        }
    }

    private static boolean isGzip(InputStream raw) throws IOException {
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        return gzip;
    }

    private static InputStream gunzip(Path file, InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw, CHUNK);
        } catch (IOException e) {
            raw.close();
            throw readError(file, true, 0, e);
        }
    }

    private static IOException readError(Path file, boolean gzip, int line, IOException cause) {
        String where = line > 0 ? file + ":" + line : file.toString();
        String what = gzip ? "corrupt or truncated gzip data" : "cannot read";
        return new IOException(where + ": " + what + ": " + cause, cause);
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Decodes {@code bytes[0, length)}, whose first line is line {@code firstLine} of the file. */
    private static String decode(Path file, CharsetDecoder decoder, byte[] bytes, int length, int firstLine)
            throws IOException {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                throw invalid(file, bytes, i, 1, firstLine, "expected text, found a NUL byte (binary data?)");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int n = Math.min(result.length(), length - at);
            throw invalid(file, bytes, at, n, firstLine, "expected " + decoder.charset().name()
                    + " text, found the invalid byte(s) " + hex(bytes, at, n));
        }
        return out.flip().toString();
    }

    /** An error at byte {@code at}, located by line and byte within that line. */
    private static IOException invalid(Path file, byte[] bytes, int at, int n, int firstLine, String what) {
        int line = firstLine;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new IOException(file + ":" + line + ": byte " + (at - lineStart + 1) + " of the line: " + what);
    }

    private static String hex(byte[] bytes, int from, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < from + Math.max(n, 1) && i < bytes.length; i++) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
