package org.kizuna.server.http;

import java.util.Optional;

/** Finds who is calling: a browser session cookie, or a TAK client's certificate. */
@FunctionalInterface
public interface CallerResolver {

    /** The caller, or empty when the request carries no valid credential. */
    Optional<Caller> resolve(Request request);
}
