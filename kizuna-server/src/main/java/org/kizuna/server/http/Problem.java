package org.kizuna.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal with a JSON problem body (RFC 9457): status, a short title, a detail for the caller and,
 * for bad input, the offending parameter. Thrown by handlers, turned into a response in one place.
 * The detail of a 401 or 403 never says whether an account exists or what it may do.
 */
public final class Problem extends RuntimeException {

    private final HttpResponseStatus status;
    private final String title;
    private final String parameter;
    /** The counter reason ({@code kizuna.http.refused{reason}}). */
    private final String reason;
    private final Map<String, String> headers;

    public Problem(HttpResponseStatus status, String reason, String title, String detail, String parameter) {
        this(status, reason, title, detail, parameter, Map.of());
    }

    /** With response headers ({@code Retry-After} on 429, {@code Allow} on 405). */
    public Problem(HttpResponseStatus status, String reason, String title, String detail, String parameter,
                   Map<String, String> headers) {
        super(detail, null, false, false);
        this.headers = Map.copyOf(headers);
        this.status = Objects.requireNonNull(status, "status");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.title = Objects.requireNonNull(title, "title");
        this.parameter = parameter;
    }

    /** 400 naming the parameter. */
    public static Problem badParameter(String parameter, String detail) {
        return new Problem(HttpResponseStatus.BAD_REQUEST, "bad-parameter", "Invalid parameter", detail, parameter);
    }

    public static Problem badBody(String detail) {
        return new Problem(HttpResponseStatus.BAD_REQUEST, "bad-body", "Invalid request body", detail, null);
    }

    public static Problem unauthorized() {
        return new Problem(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "log in first", null);
    }

    public static Problem forbidden(String reason) {
        return new Problem(HttpResponseStatus.FORBIDDEN, reason, "Forbidden", "not allowed", null);
    }

    public static Problem notFound() {
        return new Problem(HttpResponseStatus.NOT_FOUND, "not-found", "Not found", "no such resource", null);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
