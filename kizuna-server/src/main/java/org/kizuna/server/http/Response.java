package org.kizuna.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: status, content type, extra headers and the body bytes. Immutable; the
 * {@code with*} methods return copies.
 */
public record Response(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body) {

    /** The one JSON mapper of the HTTP layer; thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper();

    public static final String JSON_TYPE = "application/json";
    public static final String PROBLEM_TYPE = "application/problem+json";
    /** Sent on every answer under TLS: a year of HTTPS only for this host. */
    public static final String HSTS_HEADER = "Strict-Transport-Security";
    public static final String HSTS = "max-age=31536000";

    public Response {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** 200 with {@code value} as JSON. */
    public static Response json(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    public static Response json(HttpResponseStatus status, Object value) {
        try {
            return new Response(status, JSON_TYPE, Map.of(), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass(), e);
        }
    }

    public static Response text(HttpResponseStatus status, String contentType, String text) {
        return new Response(status, contentType, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    public static Response noContent() {
        return new Response(HttpResponseStatus.NO_CONTENT, "text/plain", Map.of(), new byte[0]);
    }

    /** The problem body of {@code p}: {@code {type, title, status, detail[, parameter]}}. */
    public static Response problem(Problem p) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status().code());
        body.put("detail", p.detail());
        if (p.parameter() != null) {
            body.put("parameter", p.parameter());
        }
        return new Response(p.status(), PROBLEM_TYPE, p.headers(), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Response(status, contentType, copy, body);
    }
}
