package org.kizuna.server.http.marti;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.LatestState;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.server.control.ControlMessages;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Role;
import org.kizuna.server.http.Routes;

/**
 * {@code GET /Marti/api/version} (plain text), {@code /Marti/api/version/config},
 * {@code /Marti/api/clientEndPoints} and {@code /Marti/api/contacts/all}, wrapped as TAK Server wraps its answers:
 * {@code {"version":"3","type":..., "data":..., "nodeId":...}} (tak-server reference, section 5).
 *
 * <p>The contact list holds the connected TAK clients whose own report the caller may hold, as
 * the streaming port would decide: group reachability, then the egress decision.
 */
public final class MartiApi {

    static final String API_VERSION = "3";

    private final Subscribers subscribers;
    private final Router router;
    private final String nodeId;
    private final Clock clock;
    private final String hostname;

    public MartiApi(Subscribers subscribers, Router router, String nodeId, Clock clock) {
        this.subscribers = subscribers;
        this.router = router;
        this.nodeId = nodeId;
        this.clock = clock;
        this.hostname = hostname();
    }

    public void register(Routes routes) {
        routes.get("/Marti/api/version", Routes.Access.PUBLIC, (req, caller) ->
                Response.text(HttpResponseStatus.OK, "text/plain; charset=utf-8", ControlMessages.SERVER_VERSION));
        routes.get("/Marti/api/version/config", Routes.Access.PUBLIC, (req, caller) -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("version", ControlMessages.SERVER_VERSION);
            data.put("api", API_VERSION);
            data.put("hostname", hostname);
            return Response.json(wrap("ServerConfig", data));
        });
        routes.get("/Marti/api/clientEndPoints", Routes.Access.USER, this::clientEndPoints);
        routes.get("/Marti/api/contacts/all", Routes.Access.USER, this::contacts);
    }

    private Map<String, Object> wrap(String type, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", API_VERSION);
        body.put("type", type);
        body.put("data", data);
        body.put("nodeId", nodeId);
        return body;
    }

    /**
     * Each connected TAK client is listed through the same egress decision as its position
     * report: the caller sees a contact only when it may hold that client's own report (its label,
     * the posture, the caller's clearance) with identity, and then as released (the callsign,
     * uid and team of the released copy). A client with no report in the picture is not listed:
     * without a labelled item there is nothing to decide on. Certificate names are for admins only;
     * groups only those the caller reads.
     */
    private Response clientEndPoints(Request req, Caller caller) {
        int secAgo = req.intParam("secAgo", 0, 0, Integer.MAX_VALUE);
        Optional<String> group = req.param("group");
        req.param("showCurrentlyConnectedClients"); // accepted: only connected clients are listed anyway
        req.param("showMostRecentOnly");
        Instant since = secAgo == 0 ? Instant.MIN : clock.instant().minusSeconds(secAgo);
        List<Map<String, Object>> data = new ArrayList<>();
        for (Released c : releasedContacts(caller, group)) {
            if (!c.last().time().isBefore(since)) {
                data.add(endpoint(c.subscriber(), c.last(), caller));
            }
        }
        return Response.json(wrap("com.bbn.marti.remote.ClientEndpoint", data));
    }

    /**
     * {@code GET /Marti/api/contacts/all}: the same contacts as {@code clientEndPoints}, released
     * the same way, in the shape TAK Server gives them (a bare array; node-tak's {@code Contact}).
     */
    private Response contacts(Request req, Caller caller) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Released c : releasedContacts(caller, Optional.empty())) {
            data.add(contact(c.last()));
        }
        return Response.json(data);
    }

    /** A listed contact: the connected client and its own report as released to the caller. */
    private record Released(Subscriber subscriber, CotEvent last) {
    }

    /**
     * Each connected TAK client whose own report the caller may hold with identity, in the copy
     * released to it: group reachability, then the egress decision, as the streaming port decides.
     */
    private List<Released> releasedContacts(Caller caller, Optional<String> group) {
        Recipient asCaller = router.release().recipient(caller.identity(), caller.groups());
        List<Released> out = new ArrayList<>();
        for (Subscriber s : subscribers.all()) {
            if (s.uid() == null || s.identity().webAccount().isPresent() || !caller.groups().canRead(s.groups().in())) {
                continue;
            }
            if (group.isPresent() && !s.groups().in().contains(new Group(group.get()))) {
                continue;
            }
            LatestState.Entry own = router.picture().get(s.uid());
            if (own == null || !own.isFrom(s.id())) {
                continue;
            }
            Optional<RoutedEvent> released = router.egress().releaseNow(own.routed(), asCaller);
            if (released.isEmpty() || released.get().origin().publisher() == null) {
                continue; // denied, delayed, or released only without identity: no contact to list
            }
            out.add(new Released(s, released.get().event()));
        }
        return out;
    }

    private static Map<String, Object> contact(CotEvent last) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("uid", last.uid());
        c.put("callsign", last.detail().callsign().orElse(""));
        TeamGroup team = last.detail().group();
        c.put("team", team == null ? "" : team.name().orElse(""));
        c.put("role", team == null ? "" : team.role().orElse(""));
        Takv takv = last.detail().takv();
        c.put("takv", takv == null ? "" : String.join(" ", takv.platform().orElse(""), takv.version().orElse("")).trim());
        c.put("notes", "");
        c.put("filterGroups", null);
        c.put("lastEventTime", last.time().toString());
        return c;
    }

    private static Map<String, Object> endpoint(Subscriber s, CotEvent last, Caller caller) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("callsign", last.detail().callsign().orElse(""));
        e.put("uid", last.uid());
        e.put("username", caller.role().atLeast(Role.ADMIN) ? s.identity().name() : "");
        TeamGroup team = last.detail().group();
        e.put("team", team == null ? "" : team.name().orElse(""));
        e.put("role", team == null ? "" : team.role().orElse(""));
        e.put("lastEventTime", last.time().toString());
        e.put("lastStatus", "Connected");
        TreeSet<String> groups = new TreeSet<>();
        for (Group g : s.groups().in()) {
            if (caller.groups().out().contains(g)) {
                groups.add(g.name());
            }
        }
        e.put("groups", groups);
        return e;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
