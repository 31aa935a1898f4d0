package org.kizuna.policy.label;

/** A label in an event that cannot be read: malformed XML, an unknown root, too large. */
public final class LabelFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public LabelFormatException(String message) {
        super(message);
    }

    public LabelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
