package org.kizuna.server.http.cop;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.Origin;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Router;
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

    /**
     * The filters apply to what the caller may see, not to what the node stored: a narrow bbox
     * must not locate a coarsened position more exactly than its cell, a real uid must not find
     * the item the caller knows by a pseudonym, and a sender must not name a device released
     * without identity. The database is asked a superset (the bbox widened by the coarsest grid
     * any rule may apply, the uid only when it cannot be a pseudonym), then every released copy
     * is filtered as the caller sees it.
     */
    private Response events(Request req, Caller caller) throws Exception {
        if (store == null) {
            throw noHistory();
        }
        ShapedFilter filter = new ShapedFilter(QueryParams.bbox(req), QueryParams.text(req, "uid"),
                QueryParams.text(req, "type"), QueryParams.text(req, "sender"));
        EventQuery query = new EventQuery(QueryParams.instant(req, "from"), QueryParams.instant(req, "to"),
                filter.widenedBbox(router.release().maxCoarsenMetres()), filter.storedUid(), filter.type(),
                filter.sender(), req.intParam("limit", EventQuery.DEFAULT_LIMIT, 1, EventQuery.MAX_LIMIT),
                QueryParams.text(req, "cursor")).visibleTo(CallerSession.readable(caller));
        Page<StoredEvent> page = store.events(query);
        Recipient as = CallerSession.recipient(caller, router);
        List<JsonPages.Item> items = new ArrayList<>(page.items().size());
        for (StoredEvent stored : page.items()) {
            released(stored, as).filter(filter::matches).ifPresent(d -> items.add(JsonPages.Item.of(d, extra(stored, d))));
        }
        return JsonPages.of(items, page.next());
    }

    /** The receive time, and the sender unless the copy was released without identity. */
    static Map<String, String> extra(StoredEvent stored, RoutedEvent copy) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("receivedAt", stored.receivedAt().toString());
        if (copy.origin().publisher() != null) {
            extra.put("sender", stored.sender());
        }
        return extra;
    }

    /** The stored event as {@code caller} may have it now; empty when unreadable or not released. */
    Optional<RoutedEvent> released(StoredEvent stored, Recipient caller) {
        CotEvent event;
        try {
            event = reader.read(stored.xml());
        } catch (CotDecodeException | IllegalArgumentException e) {
            log.warn("stored event {} unreadable, left out of the answer: {}", stored.uid(), e.getMessage());
            return Optional.empty();
        }
        return router.releaseStored(event, stored.receivedAt(), origin(stored), caller);
    }

    /** Who sent a stored event and where, as history recorded it. */
    static Origin origin(StoredEvent stored) {
        Set<Group> groups = new HashSet<>();
        stored.groups().forEach(g -> groups.add(new Group(g)));
        return new Origin(ClientIdentity.recorded(stored.sender()), groups, stored.direct(), null);
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
        Recipient as = CallerSession.recipient(caller, router);
        List<Map<String, Object>> points = new ArrayList<>(page.items().size());
        for (StoredEvent stored : page.items()) {
            Optional<RoutedEvent> d = released(stored, as);
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
