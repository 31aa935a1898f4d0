package org.kizuna.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.kizuna.server.ServerMetrics;
import org.kizuna.store.InvalidQueryException;
import org.kizuna.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request through the checks every route shares, in order: route match, caller, role,
 * CSRF, then the handler; and turns every refusal into a problem body with a counter and a log
 * line. Unexpected failures answer 500 without detail (the log has it). The host, the request
 * target and the {@code Origin} were checked before ({@link RequestGate}).
 *
 * <p>CSRF: a browser's writes must carry its session's token in {@value #CSRF_HEADER} (a page on
 * another origin can neither read the token nor set the header without a CORS preflight, which is
 * never granted).
 */
public final class Dispatcher {

    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Routes routes;
    private final CallerResolver callers;
    private final ServerMetrics metrics;

    public Dispatcher(Routes routes, CallerResolver callers, ServerMetrics metrics) {
        this.routes = routes;
        this.callers = callers;
        this.metrics = metrics;
    }

    public Response dispatch(Request request) {
        try {
            Routes.Match match = routes.match(request.method(), request.path());
            Request bound = request.withPathParams(match.params());
            Routes.Route route = match.route();
            Caller caller = authorize(bound, route.access());
            if (isWrite(bound.method()) && caller != null && caller.isBrowser()) {
                checkCsrf(bound, caller);
            }
            return route.handler().handle(bound, caller);
        } catch (Problem p) {
            return refused(request, p);
        } catch (InvalidQueryException e) {
            return refused(request, Problem.badParameter(e.parameter(), e.getMessage()));
        } catch (StoreException e) {
            log.warn("{} {}: history store unavailable: {}", request.method(), request.path(), e.getMessage());
            return refused(request, new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                    "Service unavailable", "the history store is not available; try again", null));
        } catch (Exception | StackOverflowError | LinkageError e) {
            // Errors a request can cause and the node survives (deep input, a class failing to
            // link) answer like exceptions; without an answer the client would wait for its timeout.
            log.error("{} {} failed", request.method(), request.path(), e);
            metrics.httpRefused("internal-error");
            return Response.problem(new Problem(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Internal error", "the server could not answer; the node's log has the details", null));
        }
    }

    private Caller authorize(Request request, Routes.Access access) {
        Optional<Caller> caller = callers.resolve(request);
        if (access == Routes.Access.PUBLIC) {
            return caller.orElse(null);
        }
        Caller c = caller.orElseThrow(Problem::unauthorized);
        Role needed = switch (access) {
            case USER, PUBLIC -> Role.VIEWER;
            case OPERATOR -> Role.OPERATOR;
            case ADMIN -> Role.ADMIN;
        };
        if (!c.role().atLeast(needed)) {
            throw Problem.forbidden("forbidden-role");
        }
        return c;
    }

    static boolean isWrite(HttpMethod method) {
        return !(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS));
    }

    private static void checkCsrf(Request request, Caller caller) {
        String sent = request.header(CSRF_HEADER).orElse("");
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), caller.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw Problem.forbidden("csrf");
        }
    }

    private Response refused(Request request, Problem p) {
        metrics.httpRefused(p.reason());
        log.info("{} {} from {}: {} {} ({})", request.method(), request.path(), request.remoteAddress(),
                p.status().code(), p.reason(), p.detail());
        return Response.problem(p);
    }
}
