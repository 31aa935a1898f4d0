package org.kizuna.server.http.cop;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kizuna.core.json.EventJson;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.http.Response;

/**
 * The page shape of every list answer: {@code {"items":[...],"next":"..."|null}}. A page may hold
 * fewer than {@code limit} items even when more follow; callers continue while {@code next} is set.
 */
final class JsonPages {

    /** One item: an event, the extra string fields written before its own, and its label's marking (null: labels off). */
    record Item(CotEvent event, Map<String, String> extra, EventJson.Marking marking) {

        Item(CotEvent event, Map<String, String> extra) {
            this(event, extra, null);
        }

        /** A delivery as the caller may have it: shaped by the obligations, with its marking. */
        static Item of(RoutedEvent d, Map<String, String> extra) {
            return new Item(d.event(), extra, d.marking() == null ? null : d.marking().json());
        }
    }

    private JsonPages() {
    }

    static Response of(List<Item> items, Optional<String> next) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + items.size() * 256);
        try (JsonGenerator g = EventJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (Item item : items) {
                EventJson.write(g, item.event(), item.extra(), item.marking());
            }
            g.writeEndArray();
            if (next.isPresent()) {
                g.writeStringField("next", next.get());
            } else {
                g.writeNullField("next");
            }
            g.writeEndObject();
        }
        return new Response(HttpResponseStatus.OK, Response.JSON_TYPE, Map.of(), out.toByteArray());
    }
}
