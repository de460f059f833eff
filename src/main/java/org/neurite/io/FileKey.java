package org.neurite.io;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The key of an encrypted model file (AES-256-GCM; see docs/saving.md, "Encrypted model files"):
 * a raw 256-bit key, or a passphrase that each save and load stretches with PBKDF2-HMAC-SHA256
 * and the file's own random salt.
 *
 * <pre>{@code
 * FileKey key = FileKey.fromPassphrase(System.console().readPassword("passphrase: "));
 * model.save(Path.of("model.neurite"), key);
 * Sequential restored = Sequential.load(Path.of("model.neurite"), key);
 * key.destroy();   // zeroes the copy this object holds
 * }</pre>
 *
 * A key never shows its secret: {@link #toString} names only its kind, there is no getter for
 * the bytes, and {@code equals} is identity. Each factory copies what it is given, so the caller
 * may (and should) zero its own array; {@link #destroy} zeroes this object's copy, after which it
 * cannot be used. Keeping the key (a secret store, an environment the process alone reads) and
 * rotating it (load with the old key, save with the new) is the caller's job.
 */
public final class FileKey implements Destroyable {
    /** The PBKDF2 iterations {@link #fromPassphrase(char[])} uses (OWASP's 2023 figure for HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** The fewest PBKDF2 iterations a passphrase key may be given. */
    public static final int MIN_ITERATIONS = 100_000;
    /** The key length of {@link #of}, in bytes (256 bits). */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] raw;          // null for a passphrase key
    private final char[] passphrase;   // null for a raw key
    private final int iterations;      // 0 for a raw key
    private volatile boolean destroyed;

    private FileKey(byte[] raw, char[] passphrase, int iterations) {
        this.raw = raw;
        this.passphrase = passphrase;
        this.iterations = iterations;
    }

    /**
     * A raw 256-bit key (32 bytes, for example from a key-management service). The bytes are copied.
     *
     * @throws IllegalArgumentException unless {@code key} holds exactly 32 bytes
     */
    public static FileKey of(byte[] key) {
        if (key == null || key.length != LENGTH) {
            throw new IllegalArgumentException("a file key needs exactly " + LENGTH + " bytes (256 bits), got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return new FileKey(key.clone(), null, 0);
    }

    /** A fresh random 256-bit key from {@link SecureRandom}; keep it, a lost key cannot be recovered. */
    public static FileKey random() {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        return new FileKey(key, null, 0);
    }

    /**
     * A passphrase, stretched with PBKDF2-HMAC-SHA256 and {@value #DEFAULT_ITERATIONS} iterations
     * on every save and load (a fraction of a second each). The characters are copied.
     *
     * @throws IllegalArgumentException for a null or empty passphrase
     */
    public static FileKey fromPassphrase(char[] passphrase) {
        return fromPassphrase(passphrase, DEFAULT_ITERATIONS);
    }

    /**
     * A passphrase with a chosen PBKDF2 iteration count (at least {@value #MIN_ITERATIONS}); the
     * count is written into each file, so loading needs only the passphrase.
     */
    public static FileKey fromPassphrase(char[] passphrase, int iterations) {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("a passphrase must not be " + (passphrase == null ? "null" : "empty"));
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations, got "
                    + iterations);
        }
        return new FileKey(null, passphrase.clone(), iterations);
    }

    /** Whether this key is a passphrase (stretched with PBKDF2) rather than a raw key. */
    public boolean isPassphrase() {
        return passphrase != null;
    }

    /** The PBKDF2 iterations a save with this passphrase key records; 0 for a raw key. */
    public int iterations() {
        return iterations;
    }

    /** Zeroes this key's copy of the secret; the key cannot be used afterwards. */
    @Override
    public void destroy() {
        destroyed = true;
        if (raw != null) {
            Arrays.fill(raw, (byte) 0);
        }
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The raw key (not a copy: callers must not change or keep it); for {@link FileCipher} only. */
    byte[] raw() {
        check();
        return raw;
    }

    /** The passphrase (not a copy: callers must not change or keep it); for {@link FileCipher} only. */
    char[] passphrase() {
        check();
        return passphrase;
    }

    private void check() {
        if (destroyed) {
            throw new IllegalStateException("this FileKey was destroyed");
        }
    }

    /** The kind of key, never its secret. */
    @Override
    public String toString() {
        return destroyed ? "FileKey[destroyed]"
                : passphrase != null ? "FileKey[passphrase, PBKDF2WithHmacSHA256, " + iterations + " iterations]"
                : "FileKey[256-bit key]";
    }
}
