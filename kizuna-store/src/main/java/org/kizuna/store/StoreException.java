package org.kizuna.store;

/**
 * The database failed (unreachable, full, a broken schema): the operation had no effect. Bad
 * query parameters are an {@link InvalidQueryException} instead.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
