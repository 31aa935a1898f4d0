package org.kizuna.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.MartiDest;
import org.kizuna.cot.detail.Remarks;

/** Small, realistic events for tests. */
public final class Events {

    private Events() {
    }

    /** A client's own position report (self SA), with the contact the server learns callsigns from. */
    public static CotEvent pli(String uid, String callsign) {
        Instant now = Instant.now();
        return CotEvent.builder(uid, "a-f-G-U-C")
                .how("h-e")
                .times(now, now.plus(Duration.ofMinutes(5)))
                .point(new Point(35.68, 139.76, 40, 5, 5))
                .detail(Detail.builder()
                        .contact(new Contact(Attributes.of("endpoint", "*:-1:stcp", "callsign", callsign)))
                        .build())
                .build();
    }

    /** A map marker that stays on the picture for {@code life}. */
    public static CotEvent marker(String uid, Duration life) {
        Instant now = Instant.now();
        return CotEvent.builder(uid, "b-m-p-s-m")
                .how("h-g-i-g-o")
                .times(now, now.plus(life))
                .point(Point.of(35.6, 139.7))
                .detail(Detail.builder().contact(new Contact(Attributes.of("callsign", "marker " + uid))).build())
                .build();
    }

    public static CotEvent withDest(CotEvent event, MartiDest... dests) {
        return event.withDetail(event.detail().toBuilder().marti(Marti.to(dests)).build());
    }

    public static MartiDest toCallsign(String callsign) {
        return new MartiDest(Attributes.of("callsign", callsign));
    }

    /** Makes every chat's uid and message id unique, also for two chats built within one millisecond. */
    private static final AtomicLong CHATS = new AtomicLong();

    /** A GeoChat from {@code senderUid} to the chat room/contact {@code toUid}. */
    public static CotEvent chat(String senderUid, String senderCallsign, String toUid, String text) {
        Instant now = Instant.now();
        String unique = now.toEpochMilli() + "-" + CHATS.incrementAndGet();
        String room = toUid.equals(Chat.ALL_CHAT_ROOMS) ? Chat.ALL_CHAT_ROOMS : toUid;
        Chat chat = new Chat(Attributes.of("parent", "RootContactGroup", "chatroom", room, "id", toUid,
                "senderCallsign", senderCallsign, "messageId", "m-" + unique),
                new ChatGroup(Attributes.of("uid0", senderUid, "uid1", toUid, "id", toUid)));
        return CotEvent.builder("GeoChat." + senderUid + "." + toUid + "." + unique, "b-t-f")
                .how("h-g-i-g-o")
                .times(now, now.plus(Duration.ofDays(1)))
                .point(Point.of(35.68, 139.76))
                .detail(Detail.builder().chat(chat).remarks(new Remarks(text, Attributes.of("to", toUid))).build())
                .build();
    }

    /** A {@code t-x-d-d} removing {@code target} from everyone's map. */
    public static CotEvent delete(String target) {
        Instant now = Instant.now();
        return CotEvent.builder("delete-" + target + "-" + now.toEpochMilli(), "t-x-d-d")
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .point(Point.of(0, 0))
                .detail(Detail.builder()
                        .links(List.of(new Link(Attributes.of("uid", target, "relation", "none", "type", "none"))))
                        .unknown(List.of("<__forcedelete/>"))
                        .build())
                .build();
    }

    public static CotEvent ofType(String uid, String type) {
        Instant now = Instant.now();
        return CotEvent.builder(uid, type).times(now, now.plusSeconds(60)).point(Point.of(35, 139)).build();
    }

    public static List<String> uids(List<CotEvent> events) {
        return events.stream().map(CotEvent::uid).toList();
    }
}
