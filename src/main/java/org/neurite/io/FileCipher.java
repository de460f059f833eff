package org.neurite.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.neurite.io.EncryptedFileException.Reason;

/**
 * The encrypted file format (docs/saving.md, "Encrypted model files"): a 108-byte header, then
 * the AES-256-GCM encryption of the plain file's bytes with its 16-byte tag. All numbers are
 * big-endian.
 *
 * <pre>
 * offset size
 *    0     8  magic "NEURENC" 0x1A
 *    8     1  format version (1)
 *    9     2  header length in bytes (108)
 *   11     1  KDF: 0 = raw 256-bit key, 1 = PBKDF2-HMAC-SHA256 of the passphrase
 *   12     4  PBKDF2 iterations (0 for a raw key)
 *   16    16  salt (random per file)
 *   32    12  GCM nonce (random per file)
 *   44    32  key-check value: HMAC-SHA256(check key, "neurite key check v1")
 *   76    32  SHA-256 of bytes 0..75 (finds accidental header damage before any key is tried)
 *  108     n  ciphertext, then the 16-byte GCM tag; the whole header is the GCM associated data
 * </pre>
 *
 * The file key (the raw key, or PBKDF2(passphrase, salt, iterations, 256 bits)) is never used
 * directly: HKDF-SHA256 with the salt derives an encryption key and a separate check key from it,
 * so the key-check value reveals nothing usable about the encryption key. A key whose check value
 * differs is a wrong key; a header whose digest differs, or ciphertext or tag that fails GCM with
 * the right key, is a damaged (or tampered) file.
 *
 * <p>Public so that {@code org.neurite.models} can use it; it never exposes a key's bytes.
 */
public final class FileCipher {
    /** The first bytes of every encrypted file (a plain model file starts with a zip's "PK"). */
    public static final byte[] MAGIC = {'N', 'E', 'U', 'R', 'E', 'N', 'C', 0x1A};
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /** The header length of version 1. */
    public static final int HEADER = 108;
    /** The GCM tag length in bytes. */
    public static final int TAG = 16;
    /** The most PBKDF2 iterations a file may ask for (a limit on the work a hostile file can cause). */
    public static final int MAX_ITERATIONS = 10_000_000;

    static final int KDF_RAW = 0;
    static final int KDF_PBKDF2 = 1;
    private static final int DIGEST_AT = 76;
    private static final byte[] CHECK_CONSTANT = "neurite key check v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENC_INFO = "neurite file encryption key v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_INFO = "neurite key check key v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileCipher() {
    }

    /** Whether {@code head} (a file's first bytes) starts with the encrypted file's magic. */
    public static boolean isEncrypted(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The encrypted file of {@code plain} under {@code key}, with a fresh random salt and nonce. */
    public static byte[] encrypt(byte[] plain, FileKey key) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        int kdf = key.isPassphrase() ? KDF_PBKDF2 : KDF_RAW;
        Keys keys = derive(key, kdf, key.iterations(), salt);
        try {
            byte[] out = new byte[Math.addExact(Math.addExact(HEADER, plain.length), TAG)];
            ByteBuffer h = ByteBuffer.wrap(out);
            h.put(MAGIC).put((byte) VERSION).putShort((short) HEADER).put((byte) kdf).putInt(key.iterations())
                    .put(salt).put(nonce).put(keys.check);
            h.put(sha256(out, 0, DIGEST_AT));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.enc, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(out, 0, HEADER);
            int written = cipher.doFinal(plain, 0, plain.length, out, HEADER);
            if (written != plain.length + TAG) {
                throw new IllegalStateException("AES-GCM wrote " + written + " bytes, expected " + (plain.length + TAG));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every Java platform: " + e, e);
        } finally {
            keys.clear();
        }
    }

    /**
     * The plain bytes of the encrypted file {@code file} (named {@code name} in errors).
     *
     * @throws EncryptedFileException {@link Reason#WRONG_KEY} for another key, {@link Reason#DAMAGED} for a
     *                                changed, damaged or truncated file, {@link Reason#UNSUPPORTED} for an
     *                                intact header this reader does not know
     */
    public static byte[] decrypt(byte[] file, FileKey key, String name) throws EncryptedFileException {
        if (!isEncrypted(file)) {
            throw new EncryptedFileException(Reason.DAMAGED, name + ": not an encrypted Neurite model file, or a "
                    + "damaged one: it does not start with the encrypted file's magic bytes");
        }
        if (file.length < 11) {
            throw damaged(name, "truncated: " + file.length + " bytes, shorter than the header");
        }
        int version = file[8] & 0xff;
        int headerLength = ((file[9] & 0xff) << 8) | (file[10] & 0xff);
        if (headerLength < DIGEST_AT + 32 || headerLength > file.length - TAG) {
            throw damaged(name, file.length < HEADER + TAG
                    ? "truncated: " + file.length + " bytes, fewer than a header and a tag (" + (HEADER + TAG) + ")"
                    : "the header length field reads " + headerLength + " (the header is changed or damaged)");
        }
        int digestAt = headerLength - 32;
        if (!MessageDigest.isEqual(sha256(file, 0, digestAt), Arrays.copyOfRange(file, digestAt, headerLength))) {
            throw damaged(name, "the header (format version, KDF parameters, salt, nonce or key-check value) does "
                    + "not match its SHA-256: it was changed or damaged");
        }
        if (version != VERSION || headerLength != HEADER) {
            throw new EncryptedFileException(Reason.UNSUPPORTED, name + ": encrypted with format version " + version
                    + " (header of " + headerLength + " bytes); this Neurite reads version " + VERSION
                    + ": use a newer Neurite");
        }
        ByteBuffer h = ByteBuffer.wrap(file);
        int kdf = file[11] & 0xff;
        int iterations = h.getInt(12);
        if (kdf != KDF_RAW && kdf != KDF_PBKDF2) {
            throw new EncryptedFileException(Reason.UNSUPPORTED, name + ": unknown key derivation " + kdf
                    + " (0 = raw key, 1 = PBKDF2-HMAC-SHA256); use a newer Neurite");
        }
        if (kdf == KDF_PBKDF2 && (iterations < 1 || iterations > MAX_ITERATIONS)) {
            throw new EncryptedFileException(Reason.UNSUPPORTED, name + ": asks for " + Integer.toUnsignedString(iterations)
                    + " PBKDF2 iterations; this reader accepts 1 to " + MAX_ITERATIONS);
        }
        if (kdf == KDF_PBKDF2 && !key.isPassphrase() || kdf == KDF_RAW && key.isPassphrase()) {
            throw new EncryptedFileException(Reason.WRONG_KEY, name + ": wrong key: the file was encrypted with "
                    + (kdf == KDF_PBKDF2 ? "a passphrase" : "a raw 256-bit key") + ", the key given is "
                    + (key.isPassphrase() ? "a passphrase" : "a raw 256-bit key"));
        }
        byte[] salt = Arrays.copyOfRange(file, 16, 32);
        byte[] nonce = Arrays.copyOfRange(file, 32, 44);
        Keys keys = derive(key, kdf, iterations, salt);
        try {
            if (!MessageDigest.isEqual(keys.check, Arrays.copyOfRange(file, 44, 76))) {
                throw new EncryptedFileException(Reason.WRONG_KEY, name + ": wrong key: the key "
                        + (key.isPassphrase() ? "(passphrase) " : "") + "does not match the file's key-check value");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.enc, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(file, 0, HEADER);
            return cipher.doFinal(file, HEADER, file.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new EncryptedFileException(Reason.DAMAGED, name + ": damaged or tampered file: the key is right (it "
                    + "matches the key-check value) but the data fails AES-GCM authentication; nothing was loaded", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every Java platform: " + e, e);
        } finally {
            keys.clear();
        }
    }

    private static EncryptedFileException damaged(String name, String what) {
        return new EncryptedFileException(Reason.DAMAGED, name + ": damaged or tampered encrypted file: " + what
                + "; nothing was loaded");
    }

    /** The encryption and check keys of one file. */
    private record Keys(byte[] enc, byte[] check) {
        void clear() {
            Arrays.fill(enc, (byte) 0);
        }
    }

    /** HKDF-SHA256 (RFC 5869, one output block each) of the file key with {@code salt}. */
    private static Keys derive(FileKey key, int kdf, int iterations, byte[] salt) {
        byte[] ikm = kdf == KDF_PBKDF2 ? pbkdf2(key.passphrase(), salt, iterations) : key.raw().clone();
        byte[] prk = null;
        byte[] checkKey = null;
        try {
            prk = hmac(salt, ikm);
            byte[] enc = hmac(prk, ENC_INFO, new byte[] {1});
            checkKey = hmac(prk, CHECK_INFO, new byte[] {1});
            return new Keys(enc, hmac(checkKey, CHECK_CONSTANT));
        } finally {
            Arrays.fill(ikm, (byte) 0);
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
            if (checkKey != null) {
                Arrays.fill(checkKey, (byte) 0);
            }
        }
    }

    private static byte[] pbkdf2(char[] passphrase, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java platform: " + e, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform: " + e, e);
        }
    }

    private static byte[] sha256(byte[] bytes, int from, int to) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, from, to - from);
            return md.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
