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
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.server.control.ControlMessages;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;
import org.kizuna.server.routing.LatestState;
import org.kizuna.server.session.Group;
import org.kizuna.server.session.Session;
import org.kizuna.server.session.SessionRegistry;

/**
 * {@code GET /Marti/api/version} (plain text), {@code /Marti/api/version/config} and
 * {@code /Marti/api/clientEndPoints}, wrapped as TAK Server wraps its answers:
 * {@code {"version":"3","type":..., "data":..., "nodeId":...}} (tak-server reference, section 5).
 *
 * <p>The contact list holds the connected TAK clients the caller could receive messages from
 * (their IN groups reachable from the caller's OUT groups), as the streaming port would decide.
 */
public final class MartiApi {

    static final String API_VERSION = "3";

    private final SessionRegistry sessions;
    private final LatestState picture;
    private final String nodeId;
    private final Clock clock;
    private final String hostname;

    public MartiApi(SessionRegistry sessions, LatestState picture, String nodeId, Clock clock) {
        this.sessions = sessions;
        this.picture = picture;
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
    }

    private Map<String, Object> wrap(String type, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", API_VERSION);
        body.put("type", type);
        body.put("data", data);
        body.put("nodeId", nodeId);
        return body;
    }

    private Response clientEndPoints(Request req, Caller caller) {
        int secAgo = req.intParam("secAgo", 0, 0, Integer.MAX_VALUE);
        Optional<String> group = req.param("group");
        req.param("showCurrentlyConnectedClients"); // accepted: only connected clients are listed anyway
        req.param("showMostRecentOnly");
        Instant since = secAgo == 0 ? Instant.MIN : clock.instant().minusSeconds(secAgo);
        List<Map<String, Object>> data = new ArrayList<>();
        for (Session s : sessions.all()) {
            if (s.uid() == null || s.identity().name().startsWith("web:") || !caller.groups().canRead(s.groups().in())) {
                continue;
            }
            if (group.isPresent() && !s.groups().in().contains(new Group(group.get()))) {
                continue;
            }
            LatestState.Entry own = picture.get(s.uid());
            CotEvent last = own == null ? null : own.delivery().event();
            if (last != null && last.time().isBefore(since)) {
                continue;
            }
            data.add(endpoint(s, last));
        }
        return Response.json(wrap("com.bbn.marti.remote.ClientEndpoint", data));
    }

    private static Map<String, Object> endpoint(Session s, CotEvent last) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("callsign", s.callsign() == null ? "" : s.callsign());
        e.put("uid", s.uid());
        e.put("username", s.identity().name());
        TeamGroup team = last == null ? null : last.detail().group();
        e.put("team", team == null ? "" : team.name().orElse(""));
        e.put("role", team == null ? "" : team.role().orElse(""));
        e.put("lastEventTime", last == null ? null : last.time().toString());
        e.put("lastStatus", "Connected");
        e.put("groups", new TreeSet<>(s.groups().in().stream().map(Group::name).toList()));
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
