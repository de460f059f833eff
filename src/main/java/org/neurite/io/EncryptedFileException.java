package org.neurite.io;

import java.io.IOException;

/**
 * Why an encrypted model file (or a file loaded with a key) was refused; {@link #reason()} says
 * which, and the message names the file.
 */
public final class EncryptedFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The file is encrypted and was loaded without a key. */
        KEY_REQUIRED,
        /** The key does not match the file's key-check value: another key or passphrase. */
        WRONG_KEY,
        /** The file was changed or damaged (header, ciphertext or tag), or is truncated. */
        DAMAGED,
        /** A key was given for a plain (unencrypted) file; load it without one. */
        NOT_ENCRYPTED,
        /** An intact header of an encryption format version or KDF this reader does not know. */
        UNSUPPORTED
    }

    private final Reason reason;

    public EncryptedFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EncryptedFileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }
}
