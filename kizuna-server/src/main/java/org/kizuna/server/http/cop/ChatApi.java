package org.kizuna.server.http.cop;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kizuna.core.identity.Recipient;
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
import org.kizuna.server.session.Session;
import org.kizuna.store.EventQuery;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.Page;
import org.kizuna.store.StoredEvent;

/**
 * {@code GET /api/chat}: chat history from the store (All Chat Rooms and group rooms the caller
 * reads, plus direct messages from or to the caller; {@code ?with=UID} keeps one direct
 * conversation). {@code POST /api/chat}: sends a GeoChat into the router as the caller, exactly as
 * if a TAK client had sent it, so it is stored before delivery and TAK clients show it.
 */
public final class ChatApi {

    static final int MAX_TEXT = 4096;
    static final int MAX_UID = 512;

    private final HistoryStore store;
    private final Router router;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);

    public ChatApi(HistoryStore store, Router router, ServerMetrics metrics, Clock clock) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/api/chat", Routes.Access.USER, this::history);
        routes.post("/api/chat", Routes.Access.OPERATOR, this::send);
    }

    private Response history(Request req, Caller caller) throws Exception {
        if (store == null) {
            throw HistoryApi.noHistory();
        }
        String with = QueryParams.text(req, "with");
        EventQuery visible = new EventQuery(QueryParams.instant(req, "from"), QueryParams.instant(req, "to"), null,
                null, "b-t-f", null, req.intParam("limit", EventQuery.DEFAULT_LIMIT, 1, EventQuery.MAX_LIMIT),
                QueryParams.text(req, "cursor"), CallerSession.readable(caller), false);
        Page<StoredEvent> page = store.events(visible);
        Recipient as = CallerSession.recipient(caller, router);
        List<JsonPages.Item> items = new ArrayList<>();
        for (StoredEvent stored : page.items()) {
            CotEvent chat;
            try {
                chat = reader.read(stored.xml());
            } catch (CotDecodeException e) {
                continue;
            }
            boolean mine = GeoChats.involves(chat, caller.uid());
            boolean keep = with == null ? (!stored.direct() || mine) : (stored.direct() && mine && GeoChats.involves(chat, with));
            if (keep) {
                // released by the guard as a live chat would be (labels on: clearance and posture)
                router.releaseStored(chat, stored.receivedAt(), HistoryApi.origin(stored), as)
                        .ifPresent(d -> items.add(JsonPages.Item.of(d, HistoryApi.extra(stored, d))));
            }
        }
        return JsonPages.of(items, page.next());
    }

    /** Body {@code {"text": "...", "to": "UID" (optional), "toCallsign": "..." (optional)}}; answers 202. */
    private Response send(Request req, Caller caller) {
        JsonNode body = req.jsonBody();
        String text = Request.field(body, "text", MAX_TEXT);
        String to = optionalField(body, "to");
        String toCallsign = optionalField(body, "toCallsign");
        if (to != null && to.equals(caller.uid())) {
            throw Problem.badParameter("to", "a message to yourself goes nowhere");
        }
        CotEvent chat = GeoChats.message(caller.uid(), caller.callsign(), to, toCallsign, text, clock.instant());
        Session sender = CallerSession.of(caller, router, req.channel(), metrics);
        // The router runs on event loops in the streaming path; do the same here.
        req.channel().eventLoop().execute(() -> router.route(sender, chat));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("uid", chat.uid());
        answer.put("messageId", chat.detail().chat().messageId().orElse(null));
        answer.put("room", to == null ? "All Chat Rooms" : to);
        return Response.json(HttpResponseStatus.ACCEPTED, answer);
    }

    private static String optionalField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_UID) {
            throw Problem.badParameter(name, "must be a non-blank string of at most " + MAX_UID + " characters");
        }
        return v.asText();
    }
}
