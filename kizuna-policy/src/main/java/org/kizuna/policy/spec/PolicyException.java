package org.kizuna.policy.spec;

/** A policy or posture file that cannot be used; the message names the key and the value. */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
