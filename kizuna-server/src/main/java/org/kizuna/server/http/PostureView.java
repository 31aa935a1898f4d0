package org.kizuna.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kizuna.policy.posture.PostureState;

/** The posture as the web API shows it: {@code {"name", "version", "since", "expiresAt"?}}. */
public final class PostureView {

    private PostureView() {
    }

    public static Map<String, Object> of(PostureState state) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", state.posture().name());
        p.put("version", state.version());
        p.put("since", state.since().toString());
        state.expiresAt().ifPresent(t -> p.put("expiresAt", t.toString()));
        return p;
    }
}
