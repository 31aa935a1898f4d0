package org.kizuna.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kizuna.core.identity.ClientIdentity;

/**
 * One HTTP request as handlers see it, detached from Netty's reference-counted buffers (the body is
 * copied once, and is bounded by {@code http.maxBodyBytes}).
 *
 * @param remoteAddress the peer's IP address, for rate limits and logs
 * @param secure        true over TLS (cookies get {@code Secure})
 * @param certificate   the client certificate's identity when a TAK client presented one, else null
 * @param pathParams    the values of {@code {name}} segments of the matched route
 * @param channel       the connection it came on (the sending session of a chat written over REST);
 *                      null in unit tests
 */
public record Request(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers,
                      byte[] body, String remoteAddress, boolean secure, ClientIdentity certificate,
                      Map<String, String> pathParams, Channel channel) {

    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        pathParams = Map.copyOf(pathParams);
    }

    public Request withPathParams(Map<String, String> params) {
        return new Request(method, path, query, headers, body, remoteAddress, secure, certificate, params, channel);
    }

    /** The single value of query parameter {@code name}; a repeated parameter is refused, naming it. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw Problem.badParameter(name, "given " + values.size() + " times; give it once");
        }
        return Optional.of(values.get(0));
    }

    /** An int parameter in {@code [min, max]}, or {@code fallback} when absent. */
    public int intParam(String name, int fallback, int min, int max) {
        Optional<String> text = param(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value < min || value > max) {
                throw Problem.badParameter(name, "must be " + min + ".." + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw Problem.badParameter(name, "not an integer: '" + text.get() + "'");
        }
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no {" + name + "}");
        }
        return value;
    }

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The value of cookie {@code name}; malformed Cookie headers count as no cookie. */
    public Optional<String> cookie(String name) {
        String header = headers.get("Cookie");
        if (header == null) {
            return Optional.empty();
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(name)) {
                return Optional.of(c.value());
            }
        }
        return Optional.empty();
    }

    /** The body as a JSON object; anything else is a 400. */
    public JsonNode jsonBody() {
        if (body.length == 0) {
            throw Problem.badBody("a JSON object is required");
        }
        try {
            JsonNode node = Response.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw Problem.badBody("a JSON object is required");
            }
            return node;
        } catch (IOException e) {
            throw Problem.badBody("malformed JSON");
        }
    }

    /** A required string field of a JSON body, at most {@code maxLength} characters. */
    public static String field(JsonNode body, String name, int maxLength) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual()) {
            throw Problem.badParameter(name, "a string is required");
        }
        String text = v.asText();
        if (text.isEmpty() || text.length() > maxLength) {
            throw Problem.badParameter(name, "must be 1.." + maxLength + " characters");
        }
        return text;
    }
}
