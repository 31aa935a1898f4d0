package org.kizuna.server.http.marti;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kizuna.core.identity.ChannelChoice;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.server.channels.Channels;
import org.kizuna.server.channels.ForeignGroupException;
import org.kizuna.server.channels.GroupChangeRequest;
import org.kizuna.server.channels.Selection;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;

/**
 * TAK channels over REST: {@code GET /Marti/api/groups/all} (the caller's groups, an IN and an
 * OUT entry per group as TAK Server lists them, each with its {@code active} flag),
 * {@code GET /Marti/api/groups/active} (the active entries) and
 * {@code PUT /Marti/api/groups/active?clientUid=} (the complete list of entries with their
 * flags, as node-tak's {@code Groups.update} sends it).
 */
public final class ChannelsApi {

    static final String GROUP_TYPE = "com.bbn.marti.remote.groups.Group";
    private static final int MAX_ENTRIES = 1024;

    private final Channels channels;
    private final String nodeId;
    private final String created;
    /** TAK's bit positions: stable per group name while the node runs, in order of first sight. */
    private final Map<Group, Integer> bitpos = new ConcurrentHashMap<>();
    private final AtomicInteger nextBit = new AtomicInteger();

    public ChannelsApi(Channels channels, String nodeId, Clock clock) {
        this.channels = channels;
        this.nodeId = nodeId;
        // Kizuna's groups come from configuration and have no creation date: the node's start date stands in.
        this.created = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    public void register(Routes routes) {
        routes.get("/Marti/api/groups/all", Routes.Access.USER, (req, caller) -> {
            req.param("useCache"); // accepted: the answer is always the caller's current choice
            req.param("sendLatestSA");
            return groups(caller, false);
        });
        routes.get("/Marti/api/groups/active", Routes.Access.USER, (req, caller) -> groups(caller, true));
        routes.add(HttpMethod.PUT, "/Marti/api/groups/active", Routes.Access.USER, this::choose);
    }

    private Response groups(Caller caller, boolean activeOnly) {
        ChannelChoice choice = channels.choiceOf(caller.identity());
        GroupMembership m = caller.groups();
        TreeSet<String> names = new TreeSet<>();
        m.in().forEach(g -> names.add(g.name()));
        m.out().forEach(g -> names.add(g.name()));
        List<Map<String, Object>> data = new ArrayList<>();
        for (String name : names) {
            Group g = new Group(name);
            if (m.in().contains(g) && (!activeOnly || choice.isActive(g, true))) {
                data.add(entry(g, "IN", choice.isActive(g, true)));
            }
            if (m.out().contains(g) && (!activeOnly || choice.isActive(g, false))) {
                data.add(entry(g, "OUT", choice.isActive(g, false)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", MartiApi.API_VERSION);
        body.put("type", GROUP_TYPE);
        body.put("data", data);
        body.put("nodeId", nodeId);
        return Response.json(body);
    }

    private Map<String, Object> entry(Group g, String direction, boolean active) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", g.name());
        e.put("direction", direction);
        e.put("created", created);
        e.put("type", "SYSTEM");
        e.put("bitpos", bitpos.computeIfAbsent(g, k -> nextBit.getAndIncrement()));
        e.put("active", active);
        e.put("description", "");
        return e;
    }

    /**
     * Sets the caller's channels for all its streaming sessions. Only a TAK client (by its
     * certificate) has sessions to narrow; a browser's live feed is not routed by channels, so a
     * web account's choice is refused rather than stored to no effect.
     */
    private Response choose(Request req, Caller caller) {
        req.param("clientUid"); // accepted: the choice belongs to the certificate, for all its sessions
        if (caller.identity().webAccount().isPresent()) {
            throw Problem.forbidden("channels-tak-client-only");
        }
        List<Selection> selections = selections(req.body());
        try {
            channels.choose(caller.identity(), caller.groups(), selections);
        } catch (ForeignGroupException e) {
            throw new Problem(HttpResponseStatus.FORBIDDEN, "foreign-group", "Forbidden",
                    "not a member of group '" + e.group() + "'", null);
        }
        return groups(caller, false);
    }

    private static List<Selection> selections(byte[] body) {
        JsonNode list;
        try {
            list = body.length == 0 ? null : Response.JSON.readTree(body);
        } catch (IOException e) {
            throw Problem.badBody("malformed JSON");
        }
        if (list != null && list.isObject() && list.path("data").isArray()) {
            list = list.get("data"); // the groups/all envelope sent back as it came
        }
        if (list == null || !list.isArray() || list.size() > MAX_ENTRIES) {
            throw Problem.badBody("a JSON array of groups (name, direction, active) is required");
        }
        List<Selection> out = new ArrayList<>();
        for (JsonNode item : list) {
            JsonNode active = item.get("active");
            if (!item.isObject() || !item.path("name").isTextual() || active != null && !active.isBoolean()) {
                throw Problem.badBody("each group needs a string name and a boolean active");
            }
            try {
                out.add(GroupChangeRequest.entry(item.get("name").asText(), item.path("direction").asText(null),
                        active == null ? null : String.valueOf(active.asBoolean())));
            } catch (IllegalArgumentException e) {
                throw Problem.badBody(e.getMessage());
            }
        }
        return out;
    }
}
