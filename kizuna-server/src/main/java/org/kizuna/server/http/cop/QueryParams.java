package org.kizuna.server.http.cop;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.store.BoundingBox;

/** Reads the history parameters shared by several endpoints, each error naming its parameter. */
final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 instant ({@code 2026-11-26T09:00:00Z}). */
    static Instant instant(Request req, String name) {
        Optional<String> text = req.param(name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text.get().trim());
        } catch (DateTimeParseException e) {
            throw Problem.badParameter(name, "expected an ISO-8601 instant like 2026-11-26T09:00:00Z, got '"
                    + text.get() + "'");
        }
    }

    static BoundingBox bbox(Request req) {
        return req.param("bbox").map(BoundingBox::parse).orElse(null); // InvalidQueryException names "bbox"
    }

    static String text(Request req, String name) {
        return req.param(name).orElse(null);
    }
}
