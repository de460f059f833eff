package org.neurite.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/** The entries of an archive: the bytes of entry {@code name} (at most {@code max}), or null without one. */
interface ArchiveEntries {
    byte[] get(String name, long max) throws IOException;

    /** The entries of the zip file {@code zip} (the file {@code file}), each checked against its CRC-32. */
    static ArchiveEntries of(ZipFile zip, String file) {
        return (name, max) -> entry(zip, name, max, file);
    }

    /** The entries of the zip archive {@code bytes} (a decrypted file), each checked against its CRC-32. */
    static ArchiveEntries inMemory(byte[] bytes, String file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (entries.put(e.getName(), zip.readAllBytes()) != null) {
                    throw new IOException(file + ": damaged file: the archive holds entry " + e.getName() + " twice");
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + ": the decrypted content is not a model file archive: "
                    + ModelFile.describe(e), e);
        }
        return (name, max) -> {
            byte[] b = entries.get(name);
            if (b != null && b.length > max) {
                throw new IOException(file + "!/" + name + ": the entry holds " + b.length + " bytes, more than the "
                        + max + " this reader accepts");
            }
            return b;
        };
    }

    /**
     * The bytes of entry {@code name}, or null without one, checked against the zip's CRC-32; never
     * more than {@code max} bytes are read.
     */
    private static byte[] entry(ZipFile zip, String name, long max, String file) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        String where = file + "!/" + name;
        long declared = entry.getSize();
        if (declared > max) {
            throw new IOException(where + ": the entry declares " + declared + " bytes, more than the "
                    + max + " this reader accepts");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) (declared >= 0 ? declared : max));
            if (in.read() != -1 || declared >= 0 && bytes.length != declared) {
                throw new IOException(where + ": damaged file: the entry declares " + declared + " bytes but holds "
                        + (bytes.length == declared ? "more" : String.valueOf(bytes.length)));
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IOException(where + ": damaged file: the entry cannot be read: " + e, e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new IOException(where + ": damaged file: the entry's CRC-32 is "
                    + String.format("%08x", crc.getValue()) + ", the zip records " + String.format("%08x", entry.getCrc()));
        }
        return bytes;
    }
}
