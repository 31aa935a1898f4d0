package org.kizuna.store;

import java.time.Instant;
import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.Attributes;

/** Realistic events for store tests. */
public final class Events {

    private Events() {
    }

    public static CotEvent position(String uid, String type, double lat, double lon, Instant time, long staleSeconds) {
        return CotEvent.builder(uid, type).how("m-g").times(time, time.plusSeconds(staleSeconds))
                .point(new Point(lat, lon, 12.5, 4.0, 9_999_999)).build();
    }

    public static StoredEvent stored(String uid, String type, double lat, double lon, Instant receivedAt) {
        return StoredEvent.of(position(uid, type, lat, lon, receivedAt, 120), "alice", Set.of("Blue"), false, receivedAt);
    }

    public static CotEvent chat(String uid, String room, String text, Instant time) {
        Chat chat = new Chat(Attributes.of("chatroom", room, "id", room, "senderCallsign", "KESTREL-21",
                "messageId", uid + "-m"), null);
        return CotEvent.builder(uid, "b-t-f").how("h-g-i-g-o").times(time, time.plusSeconds(86_400))
                .point(Point.of(35.6, 139.7))
                .detail(Detail.builder().chat(chat).remarks(Remarks.of(text)).build()).build();
    }

    public static CotEvent delete(String uid, String target, Instant time) {
        return CotEvent.builder(uid, "t-x-d-d").how("h-g-i-g-o").times(time, time.plusSeconds(20))
                .detail(Detail.builder().links(java.util.List.of(new Link(Attributes.of("uid", target,
                        "relation", "none", "type", "a-f-G")))).build()).build();
    }
}
