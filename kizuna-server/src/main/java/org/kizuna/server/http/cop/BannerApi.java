package org.kizuna.server.http.cop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.server.http.PostureView;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;

/**
 * {@code GET /api/banner?labels=ID,ID} (or {@code POST /api/banner} with {@code {"labels": [ID, ...]}},
 * for more ids than a request line holds): the banner for a screen showing items with those labels
 * (their {@code labelId}s): the banner marking of the dominant label, rendered by the node's
 * policy, and the posture in force. Without labels, the configured static classification.
 */
public final class BannerApi {

    static final int MAX_LABELS = 1000;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{1,64}");

    private final ReleaseDecision release;
    private final String staticClassification;

    public BannerApi(ReleaseDecision release, String staticClassification) {
        this.release = release;
        this.staticClassification = staticClassification;
    }

    public void register(Routes routes) {
        routes.get("/api/banner", Routes.Access.USER, (req, caller) -> banner(query(req)));
        routes.post("/api/banner", Routes.Access.USER, (req, caller) -> banner(body(req)));
    }

    private static Set<String> query(Request req) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : req.param("labels").orElse("").split(",")) {
            if (!id.isEmpty()) {
                ids.add(checked(id));
            }
            if (ids.size() > MAX_LABELS) {
                throw tooMany();
            }
        }
        return ids;
    }

    private static Set<String> body(Request req) {
        JsonNode labels = req.jsonBody().get("labels");
        if (labels == null || !labels.isArray()) {
            throw Problem.badParameter("labels", "an array of label ids is required");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : labels) {
            if (!id.isTextual()) {
                throw Problem.badParameter("labels", "label ids are strings");
            }
            ids.add(checked(id.asText()));
            if (ids.size() > MAX_LABELS) {
                throw tooMany();
            }
        }
        return ids;
    }

    private static String checked(String id) {
        if (!ID.matcher(id).matches()) {
            throw Problem.badParameter("labels", "label ids are lower-case hex");
        }
        return id;
    }

    private static Problem tooMany() {
        return Problem.badParameter("labels", "at most " + MAX_LABELS + " distinct labels");
    }

    private Response banner(Set<String> ids) {
        if (ids.size() > MAX_LABELS) {
            throw Problem.badParameter("labels", "at most " + MAX_LABELS + " distinct labels");
        }
        Optional<PostureState> posture = release.posture();
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            body.put("banner", release.dominantBanner(ids).orElse(staticClassification));
        } catch (IllegalArgumentException e) {
            throw Problem.badParameter("labels", e.getMessage());
        }
        body.put("labels", posture.isPresent());
        body.put("posture", posture.map(PostureView::of).orElse(null));
        return Response.json(body);
    }
}
