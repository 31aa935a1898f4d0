package org.kizuna.server.http.posture;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureChange;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureDuration;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.PostureView;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;

/**
 * {@code /api/posture}: everyone signed in reads the posture and what waits for approval; admins
 * request, approve and cancel changes as themselves (the two-person rule then compares
 * authenticated accounts, not names typed on a command line).
 */
public final class PostureApi {

    /** Longest posture name ({@link Posture}) and longest duration text accepted. */
    private static final int MAX_NAME = 32;
    private static final int MAX_DURATION = 16;

    private final PostureAdmin admin;

    public PostureApi(PostureAdmin admin) {
        this.admin = admin;
    }

    public void register(Routes routes) {
        routes.get("/api/posture", Routes.Access.USER, (req, caller) -> Response.json(view(admin.status())));
        routes.post("/api/posture/request", Routes.Access.ADMIN, this::request);
        routes.post("/api/posture/approve", Routes.Access.ADMIN, this::approve);
        routes.post("/api/posture/cancel", Routes.Access.ADMIN,
                (req, caller) -> step(() -> admin.cancel(caller.name())));
    }

    private Response request(Request req, Caller caller) throws Exception {
        JsonNode body = req.jsonBody();
        Posture posture = posture(body);
        Optional<Duration> lasts = body.has("for")
                ? Optional.of(duration(Request.field(body, "for", MAX_DURATION))) : Optional.empty();
        return step(() -> admin.request(posture, lasts, caller.name()));
    }

    private Response approve(Request req, Caller caller) throws Exception {
        Posture posture = posture(req.jsonBody());
        return step(() -> admin.approve(posture, caller.name()));
    }

    private interface Step {
        PostureControl run() throws Exception;
    }

    private static Response step(Step step) throws Exception {
        try {
            return Response.json(view(step.run()));
        } catch (IllegalStateException e) {
            throw new Problem(HttpResponseStatus.CONFLICT, "posture-conflict", "Posture step refused", e.getMessage(),
                    null);
        }
    }

    private static Posture posture(JsonNode body) {
        String name = Request.field(body, "posture", MAX_NAME);
        try {
            return new Posture(name);
        } catch (IllegalArgumentException e) {
            throw Problem.badParameter("posture", e.getMessage());
        }
    }

    private static Duration duration(String text) {
        try {
            return PostureDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw Problem.badParameter("for", e.getMessage());
        }
    }

    static Map<String, Object> view(PostureControl control) {
        Map<String, Object> current = new LinkedHashMap<>(PostureView.of(control.current()));
        if (!control.current().approvedBy().isEmpty()) {
            current.put("requestedBy", control.current().requestedBy());
            current.put("approvedBy", control.current().approvedBy());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current", current);
        body.put("pending", control.pending().map(PostureApi::pending).orElse(null));
        return body;
    }

    private static Map<String, Object> pending(PostureChange p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.posture().name());
        m.put("requestedBy", p.requestedBy());
        m.put("requestedAt", p.requestedAt().toString());
        p.lasts().ifPresent(d -> m.put("lasts", d.toString()));
        m.put("lapsesAt", p.lapsesAt().toString());
        return m;
    }
}
