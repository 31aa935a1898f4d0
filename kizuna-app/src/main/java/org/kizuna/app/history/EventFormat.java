package org.kizuna.app.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.kizuna.store.StoredEvent;

/** How {@code kizuna history} prints an event: one JSON object per line, or its CoT XML per line. */
enum EventFormat {
    JSON {
        @Override
        String format(StoredEvent e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("receivedAt", e.receivedAt().toString());
            m.put("uid", e.uid());
            m.put("type", e.type());
            m.put("how", e.how());
            m.put("time", e.time().toString());
            m.put("start", e.start().toString());
            m.put("stale", e.stale().toString());
            m.put("lat", e.lat());
            m.put("lon", e.lon());
            m.put("hae", e.hae());
            m.put("ce", e.ce());
            m.put("sender", e.sender());
            m.put("groups", new TreeSet<>(e.groups()));
            m.put("direct", e.direct());
            m.put("xml", new String(e.xml(), StandardCharsets.UTF_8));
            try {
                return MAPPER.writeValueAsString(m);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("cannot format event " + e.uid(), ex);
            }
        }
    },
    XML {
        @Override
        String format(StoredEvent e) {
            return new String(e.xml(), StandardCharsets.UTF_8);
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    abstract String format(StoredEvent event);
}
