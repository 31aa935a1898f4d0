package org.kizuna.store;

/** A query parameter the store refuses; {@link #parameter()} names it, the message says why. */
public final class InvalidQueryException extends IllegalArgumentException {

    private final String parameter;

    public InvalidQueryException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
