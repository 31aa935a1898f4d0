package org.kizuna.server.http.cop;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;
import org.kizuna.server.routing.Delivery;
import org.kizuna.server.routing.Router;
import org.kizuna.server.session.Session;
import org.kizuna.store.EventQuery;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.Page;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.TrackPoint;
import org.kizuna.store.TrackQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events} (paged history) and {@code GET /api/tracks/{uid}} (one item's positions),
 * limited in the database to broadcast events written into a group the caller reads, then passed
 * through the release guard as live traffic is ({@link Router#releaseStored}): with labels on, a
 * stored event the caller's clearance or the posture does not release is left out, and one
 * released with obligations is shaped by them (a page may then hold fewer than {@code limit}).
 */
public final class HistoryApi {

    private static final Logger log = LoggerFactory.getLogger(HistoryApi.class);

    private final HistoryStore store;
    private final Router router;
    private final ServerMetrics metrics;
    private final CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);

    /** {@code store} null: the node keeps no history, and these endpoints answer 503. */
    public HistoryApi(HistoryStore store, Router router, ServerMetrics metrics) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
    }

    public void register(Routes routes) {
        routes.get("/api/events", Routes.Access.USER, this::events);
        routes.get("/api/tracks/{uid}", Routes.Access.USER, this::track);
    }

    static Problem noHistory() {
        return new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "no-history", "Service unavailable",
                "this node keeps no history (store.enabled is false)", null);
    }

    private Response events(Request req, Caller caller) throws Exception {
        if (store == null) {
            throw noHistory();
        }
        EventQuery query = new EventQuery(QueryParams.instant(req, "from"), QueryParams.instant(req, "to"),
                QueryParams.bbox(req), QueryParams.text(req, "uid"), QueryParams.text(req, "type"),
                QueryParams.text(req, "sender"), req.intParam("limit", EventQuery.DEFAULT_LIMIT, 1, EventQuery.MAX_LIMIT),
                QueryParams.text(req, "cursor")).visibleTo(CallerSession.readable(caller));
        Page<StoredEvent> page = store.events(query);
        Session as = CallerSession.of(caller, req.channel(), metrics);
        List<JsonPages.Item> items = new ArrayList<>(page.items().size());
        for (StoredEvent stored : page.items()) {
            released(stored, as).ifPresent(d -> items.add(JsonPages.Item.of(d, extra(stored))));
        }
        return JsonPages.of(items, page.next());
    }

    static Map<String, String> extra(StoredEvent stored) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("receivedAt", stored.receivedAt().toString());
        extra.put("sender", stored.sender());
        return extra;
    }

    /** The stored event as {@code caller} may have it now; empty when unreadable or not released. */
    Optional<Delivery> released(StoredEvent stored, Session caller) {
        CotEvent event;
        try {
            event = reader.read(stored.xml());
        } catch (CotDecodeException | IllegalArgumentException e) {
            log.warn("stored event {} unreadable, left out of the answer: {}", stored.uid(), e.getMessage());
            return Optional.empty();
        }
        return router.releaseStored(event, stored.receivedAt(), caller);
    }

    private Response track(Request req, Caller caller) throws Exception {
        if (store == null) {
            throw noHistory();
        }
        if (router.release().posture().isPresent()) {
            return guardedTrack(req, caller);
        }
        TrackQuery query = new TrackQuery(req.pathParam("uid"), QueryParams.instant(req, "from"),
                QueryParams.instant(req, "to"), req.intParam("limit", 1000, 1, TrackQuery.MAX_LIMIT),
                QueryParams.text(req, "cursor")).visibleTo(CallerSession.readable(caller));
        Page<TrackPoint> page = store.track(query);
        List<Map<String, Object>> points = new ArrayList<>(page.items().size());
        for (TrackPoint p : page.items()) {
            points.add(point(p.receivedAt().toString(), p.time().toString(), p.type(), p.lat(), p.lon(), p.hae(), p.ce()));
        }
        return trackBody(query.uid(), points, page.next());
    }

    /**
     * With labels on, positions come from the stored events themselves, so that each is released
     * (and coarsened) by the guard like the event it belongs to; the track table holds no label.
     */
    private Response guardedTrack(Request req, Caller caller) throws Exception {
        String uid = req.pathParam("uid");
        EventQuery query = new EventQuery(QueryParams.instant(req, "from"), QueryParams.instant(req, "to"), null, uid,
                null, null, Math.min(EventQuery.MAX_LIMIT, req.intParam("limit", 1000, 1, TrackQuery.MAX_LIMIT)),
                QueryParams.text(req, "cursor"))
                .visibleTo(CallerSession.readable(caller));
        Page<StoredEvent> page = store.events(query);
        Session as = CallerSession.of(caller, req.channel(), metrics);
        List<Map<String, Object>> points = new ArrayList<>(page.items().size());
        for (StoredEvent stored : page.items()) {
            Optional<Delivery> d = released(stored, as);
            if (d.isPresent() && d.get().event().uid().equals(uid)) { // dropped identity: not this track any more
                CotEvent e = d.get().event();
                points.add(point(stored.receivedAt().toString(), e.time().toString(), e.type().value(), e.point().lat(),
                        e.point().lon(), e.point().hae(), e.point().ce()));
            }
        }
        return trackBody(uid, points, page.next());
    }

    private static Map<String, Object> point(String receivedAt, String time, String type, double lat, double lon,
                                             double hae, double ce) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("receivedAt", receivedAt);
        point.put("time", time);
        point.put("type", type);
        point.put("lat", lat);
        point.put("lon", lon);
        point.put("hae", hae);
        point.put("ce", ce);
        return point;
    }

    private static Response trackBody(String uid, List<Map<String, Object>> points, Optional<String> next) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uid", uid);
        body.put("items", points);
        body.put("next", next.orElse(null));
        return Response.json(body);
    }
}
