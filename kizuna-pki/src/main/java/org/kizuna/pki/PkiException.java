package org.kizuna.pki;

/**
 * The node's PKI material is missing, unusable or would be overwritten: a corrupt PEM file, a key
 * that does not belong to its certificate, a CA that already exists. The message is written for
 * the administrator who has to fix it, so callers (the CLI) print it as it is.
 *
 * <p>Misuse of the API (a null argument, an invalid name, notAfter before notBefore) is reported
 * with {@link IllegalArgumentException} instead, and plain file-system trouble with
 * {@link java.io.IOException}.
 */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
