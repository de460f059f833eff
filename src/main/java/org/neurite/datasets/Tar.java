package org.neurite.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Takes a few named files out of a downloaded {@code .tar.gz}, with Apache commons-compress (every
 * tar dialect it reads: ustar, GNU, PAX long names). Only regular files are copied; links,
 * folders and permissions are ignored.
 */
final class Tar {
    private Tar() {
    }

    /**
     * Copies the regular files of {@code archive} whose base name is in {@code wanted} into
     * {@code folder}, under that base name.
     *
     * @return the base names extracted, in archive order
     * @throws IOException naming the archive (and the entry) when it is not a gzipped tar or is cut short
     */
    static List<String> extract(Path archive, Set<String> wanted, Path folder) throws IOException {
        List<String> extracted = new ArrayList<>();
        String entryName = null;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextTarEntry(); entry != null; entry = tar.getNextTarEntry()) {
                entryName = entry.getName();
                String base = entryName.substring(entryName.lastIndexOf('/') + 1);
                if (entry.isFile() && wanted.contains(base)) {
                    long copied = Files.copy(tar, folder.resolve(base), StandardCopyOption.REPLACE_EXISTING);
                    if (copied < entry.getSize()) {
                        throw new IOException("truncated: " + copied + " of " + entry.getSize() + " bytes");
                    }
                    extracted.add(base);
                }
            }
        } catch (IOException e) {
            throw new IOException(archive + (entryName == null ? "" : ", entry " + entryName) + ": " + e.getMessage(), e);
        }
        return extracted;
    }
}
