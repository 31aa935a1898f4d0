package org.kizuna.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's own endpoints: {@code /health} (readiness, with each check), {@code /health/live}
 * (liveness: the process answers) and {@code /metrics} (Prometheus text format).
 *
 * <p>{@code /metrics} is for the monitoring system on the node's own machine and for admins:
 * counters reveal traffic volumes, so other callers get 404 as if it did not exist.
 */
final class NodeApi {

    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final List<HealthCheck> checks;
    private final Supplier<String> prometheus;

    NodeApi(List<HealthCheck> checks, Supplier<String> prometheus) {
        this.checks = List.copyOf(checks);
        this.prometheus = prometheus;
    }

    void register(Routes routes) {
        routes.get("/health", Routes.Access.PUBLIC, (req, caller) -> health());
        routes.get("/health/live", Routes.Access.PUBLIC, (req, caller) -> Response.json(Map.of("status", "UP")));
        routes.get("/metrics", Routes.Access.PUBLIC, (req, caller) -> {
            boolean admin = caller != null && caller.role().atLeast(Role.ADMIN);
            if (!admin && !isLoopback(req.remoteAddress())) {
                throw Problem.notFound();
            }
            return Response.text(HttpResponseStatus.OK, PROMETHEUS_TYPE, prometheus.get());
        });
    }

    private Response health() {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (HealthCheck check : checks) {
            boolean up;
            try {
                up = check.up().getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            allUp &= up;
            results.put(check.name(), Map.of("status", up ? "UP" : "DOWN"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "UP" : "DOWN");
        body.put("checks", results);
        return Response.json(allUp ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
