package org.neurite.data.quality;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * The secret key of {@link Pseudonymize#tokenize}: tokens are HMAC-SHA-256 of the value under this
 * key, so the same value gives the same token wherever the same key is used (train and test join),
 * and without the key nobody can compute a token from a value, reverse one, or link tokens made
 * with another key.
 *
 * <pre>{@code
 * TokenKey key = TokenKey.fromPassphrase(passphrase, salt);   // the same for train and test
 * TokenKey key = TokenKey.of(bytesFromYourSecretStore);        // 32 bytes or more
 * TokenKey key = TokenKey.random();                           // for one run only: tokens never match later runs
 * }</pre>
 *
 * The key's bytes never leave it: there is no getter, {@link #toString()} shows only a fingerprint
 * (the first 4 bytes of an HMAC of a fixed label under the key, which says which key was used but
 * not what it is), and {@link #destroy()} overwrites them. The arrays passed in are copied; the
 * caller should overwrite its own copies (a passphrase given as {@code char[]} for that reason).
 */
public final class TokenKey implements Destroyable {
    /** The smallest key, in bytes: 256 bits, the size of the HMAC-SHA-256 output. */
    public static final int MIN_BYTES = 32;
    /** The PBKDF2-HMAC-SHA256 iterations of {@link #fromPassphrase} (OWASP's 2023 recommendation). */
    public static final int PBKDF2_ITERATIONS = 600_000;
    /** The smallest salt of {@link #fromPassphrase}, in bytes. */
    public static final int MIN_SALT_BYTES = 16;

    private static final String HMAC = "HmacSHA256";

    private final byte[] key;
    private boolean destroyed;

    private TokenKey(byte[] key) {
        this.key = key;
    }

    /**
     * A key of the given bytes (copied).
     *
     * @throws IllegalArgumentException when there are fewer than {@link #MIN_BYTES}
     */
    public static TokenKey of(byte[] key) {
        if (key == null || key.length < MIN_BYTES) {
            throw new IllegalArgumentException("TokenKey.of: a key needs at least " + MIN_BYTES + " bytes, got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        return new TokenKey(key.clone());
    }

    /**
     * A key derived from a passphrase with PBKDF2-HMAC-SHA256 ({@link #PBKDF2_ITERATIONS} iterations,
     * 32 bytes): the same passphrase and salt always give the same key, so tokens made on the
     * training data and later on new data match. Keep the salt with the data (it is not secret),
     * the passphrase elsewhere. Takes about a second, on purpose: guessing passphrases is slow too.
     *
     * @param passphrase not stored; overwrite it after the call
     * @param salt at least {@link #MIN_SALT_BYTES} bytes, random, one per dataset or project
     */
    public static TokenKey fromPassphrase(char[] passphrase, byte[] salt) {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("TokenKey.fromPassphrase: the passphrase is empty");
        }
        if (salt == null || salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("TokenKey.fromPassphrase: the salt needs at least " + MIN_SALT_BYTES
                    + " bytes, got " + (salt == null ? "null" : salt.length));
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, PBKDF2_ITERATIONS, 256);
        try {
            return new TokenKey(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("TokenKey.fromPassphrase: this JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A new random key of 32 bytes from {@link SecureRandom}. */
    public static TokenKey random() {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        return new TokenKey(key);
    }

    /** HMAC-SHA-256 of {@code data} under this key (32 bytes). */
    byte[] mac(byte[] data) {
        if (destroyed) {
            throw new IllegalStateException("this TokenKey was destroyed");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK has no " + HMAC, e);
        }
    }

    /** HMAC-SHA-256 of the UTF-8 bytes of {@code value}. */
    byte[] mac(String value) {
        return mac(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A short, non-secret name of the key: 8 hex digits of an HMAC of a fixed label under it. */
    public String fingerprint() {
        return HexFormat.of().formatHex(Arrays.copyOf(mac("neurite TokenKey fingerprint"), 4));
    }

    /** Overwrites the key's bytes with zeros; the key cannot be used afterwards. */
    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** {@code TokenKey[fingerprint 1a2b3c4d]}, never the key. */
    @Override
    public String toString() {
        return destroyed ? "TokenKey[destroyed]" : "TokenKey[fingerprint " + fingerprint() + "]";
    }

}
