package org.kizuna.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Method and path to handler. Patterns are literal segments and {@code {name}} placeholders
 * ({@code /api/tracks/{uid}}); the first registered match wins. A path that matches with another
 * method is a 405 with {@code Allow}, one that matches nothing a 404.
 */
public final class Routes {

    /** Who may call a route. */
    public enum Access {
        /** Anybody, without logging in (version, health, login itself). */
        PUBLIC,
        /** Any logged-in user or certificate client. */
        USER,
        /** Operators and admins (sending into the picture, chat). */
        OPERATOR,
        /** Admins only. */
        ADMIN
    }

    /** Answers one request; a {@link Problem} refuses it. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request, Caller caller) throws Exception;
    }

    /** A registered route. */
    public record Route(HttpMethod method, String pattern, Access access, Handler handler) {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** A matched route with the values of its placeholders. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();
    private Route fallback;

    /** Answers GET and HEAD requests no route matches, outside {@code /api/} (the web client's files). */
    public Routes fallback(Handler handler) {
        fallback = new Route(HttpMethod.GET, "/*", Access.PUBLIC, handler);
        return this;
    }

    public Routes add(HttpMethod method, String pattern, Access access, Handler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("pattern must start with '/': " + pattern);
        }
        routes.add(new Route(method, pattern, access, handler));
        return this;
    }

    public Routes get(String pattern, Access access, Handler handler) {
        return add(HttpMethod.GET, pattern, access, handler);
    }

    public Routes post(String pattern, Access access, Handler handler) {
        return add(HttpMethod.POST, pattern, access, handler);
    }

    /** The route for {@code method} and {@code path}; throws a 404 or 405 problem. */
    public Match match(HttpMethod method, String path) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = bind(route.pattern(), path);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method) || (method.equals(HttpMethod.HEAD) && route.method().equals(HttpMethod.GET))) {
                return new Match(route, params);
            }
            allowed.add(route.method().name());
        }
        if (allowed.isEmpty()) {
            boolean read = method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
            if (fallback != null && read && !path.startsWith("/api/") && !path.startsWith("/Marti/")) {
                return new Match(fallback, Map.of());
            }
            throw Problem.notFound();
        }
        throw new Problem(HttpResponseStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed",
                method + " is not allowed here", null, Map.of("Allow", String.join(", ", allowed)));
    }

    /** A bad escape is the caller's error (the request gate refuses it first; this holds without it). */
    private static String decode(String segment) {
        try {
            return QueryStringDecoder.decodeComponent(segment);
        } catch (IllegalArgumentException e) {
            throw RequestGate.malformedTarget("bad percent-encoding in the request target");
        }
    }

    /** The placeholder values when {@code path} fits {@code pattern}, else null. */
    static Map<String, String> bind(String pattern, String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            String w = want[i];
            if (w.startsWith("{") && w.endsWith("}")) {
                if (got[i].isEmpty()) {
                    return null;
                }
                params.put(w.substring(1, w.length() - 1), decode(got[i]));
            } else if (!w.equals(got[i])) {
                return null;
            }
        }
        return params;
    }
}
