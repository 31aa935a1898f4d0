package org.kizuna.server.http.cop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Router;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;

/**
 * {@code GET /api/contacts}: the current picture the caller may see, decided by the router exactly
 * as for a TAK client with the caller's groups. Sorted by uid and paged by uid:
 * {@code ?type=a-f&limit=1000&after=UID}.
 */
public final class PictureApi {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final Router router;
    private final ServerMetrics metrics;

    public PictureApi(Router router, ServerMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    public void register(Routes routes) {
        routes.get("/api/contacts", Routes.Access.USER, this::contacts);
    }

    private Response contacts(Request req, Caller caller) throws Exception {
        int limit = req.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Optional<String> type = req.param("type");
        Optional<String> after = req.param("after");
        if (type.isPresent() && (type.get().isBlank() || type.get().endsWith("-"))) {
            throw Problem.badParameter("type", "a CoT type or prefix without a trailing '-'");
        }
        List<RoutedEvent> visible = new ArrayList<>();
        for (RoutedEvent d : router.visiblePicture(CallerSession.recipient(caller, router))) {
            CotEvent e = d.event();
            if (type.map(t -> e.type().isA(t)).orElse(true) && after.map(a -> e.uid().compareTo(a) > 0).orElse(true)) {
                visible.add(d);
            }
        }
        visible.sort(Comparator.comparing(d -> d.event().uid()));
        boolean more = visible.size() > limit;
        List<JsonPages.Item> page = visible.subList(0, Math.min(limit, visible.size())).stream()
                .map(d -> JsonPages.Item.of(d, Map.of())).toList();
        return JsonPages.of(page, more ? Optional.of(page.get(page.size() - 1).event().uid()) : Optional.empty());
    }
}
