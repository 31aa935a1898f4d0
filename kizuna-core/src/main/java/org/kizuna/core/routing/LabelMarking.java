package org.kizuna.core.routing;

import java.util.Objects;
import org.kizuna.core.json.EventJson;

/**
 * How people see an event's label: its portion marking ({@code (S//REL TO USA, JPN)}) and banner
 * marking, rendered by the node's policy, and a short stable id by which a client names the label
 * back (to ask for the dominant banner of everything it shows) without sending the label itself.
 *
 * @param id      hex digest of the label under the node's policy; equal labels have equal ids, across restarts
 */
public record LabelMarking(String id, String portion, String banner) {

    /** The part the web client's JSON carries. */
    public EventJson.Marking json() {
        return new EventJson.Marking(portion, id);
    }

    public LabelMarking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(portion, "portion");
        Objects.requireNonNull(banner, "banner");
    }
}
