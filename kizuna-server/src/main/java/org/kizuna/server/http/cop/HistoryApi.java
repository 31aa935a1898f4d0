package org.kizuna.server.http.cop;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;
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
 * through the release guard as the caller ({@link Router#releasableFromHistory}): what its
 * clearance may not hold under the current posture is left out (a page may then be shorter than
 * {@code limit}), and what it gets is shaped by the obligations, as on the live feed.
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
            CotEvent event;
            try {
                event = reader.read(stored.xml());
            } catch (CotDecodeException | IllegalArgumentException e) {
                log.warn("stored event {} unreadable, left out of the answer: {}", stored.uid(), e.getMessage());
                continue;
            }
            Optional<CotEvent> released = router.releasableFromHistory(event, stored.receivedAt(), as);
            if (released.isPresent()) {
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put("receivedAt", stored.receivedAt().toString());
                extra.put("sender", stored.sender());
                items.add(new JsonPages.Item(released.get(), extra));
            }
        }
        return JsonPages.of(items, page.next());
    }

    private Response track(Request req, Caller caller) {
        if (store == null) {
            throw noHistory();
        }
        TrackQuery query = new TrackQuery(req.pathParam("uid"), QueryParams.instant(req, "from"),
                QueryParams.instant(req, "to"), req.intParam("limit", 1000, 1, TrackQuery.MAX_LIMIT),
                QueryParams.text(req, "cursor")).visibleTo(CallerSession.readable(caller));
        Page<TrackPoint> page = store.track(query);
        Session as = CallerSession.of(caller, req.channel(), metrics);
        List<Map<String, Object>> points = new ArrayList<>(page.items().size());
        for (TrackPoint p : page.items()) {
            // A point as the guard sees an event: its type, position and the label stored with it.
            Optional<CotEvent> released = router.releasableFromHistory(asEvent(query.uid(), p), p.receivedAt(), as);
            if (released.isEmpty() || !released.get().uid().equals(query.uid())) {
                continue; // not releasable, or only without its identity: not under the uid asked for
            }
            Point shaped = released.get().point();
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("receivedAt", p.receivedAt().toString());
            point.put("time", p.time().toString());
            point.put("type", released.get().type().value());
            point.put("lat", shaped.lat());
            point.put("lon", shaped.lon());
            point.put("hae", shaped.hae());
            point.put("ce", shaped.ce());
            points.add(point);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uid", query.uid());
        body.put("items", points);
        body.put("next", page.next().orElse(null));
        return Response.json(body);
    }

    private static CotEvent asEvent(String uid, TrackPoint p) {
        return CotEvent.builder(uid, p.type())
                .times(p.time(), p.time())
                .point(new Point(p.lat(), p.lon(), p.hae(), p.ce(), Point.UNKNOWN))
                .detail(Detail.builder().unknown(p.label() == null ? List.of()
                        : List.of("<" + EventLabels.ELEMENT + ">" + p.label() + "</" + EventLabels.ELEMENT + ">")).build())
                .build();
    }
}
