package org.kizuna.core.routing;

import java.time.Instant;
import java.util.List;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.detail.Link;

/** The deletes the node itself sends about items: a client's disconnect, a retraction. */
public final class Notices {

    private Notices() {
    }

    /** {@code t-x-d-d}: the client {@code uid} of type {@code type} has disconnected. */
    public static CotEvent disconnectNotice(String uid, String type, Instant now) {
        Link link = new Link(Attributes.of("uid", uid, "type", type, "relation", "p-p"));
        return CotEvent.builder(uid, CotType.DELETE.value())
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .detail(Detail.builder().links(List.of(link)).build())
                .build();
    }

    /**
     * {@code t-x-d-d} with {@code <__forcedelete/>}: the recipient must remove item {@code uid}
     * (TAK clients remove it even when they would keep a locally edited copy). Sent when a posture
     * tightens and a client may no longer hold what it was sent.
     */
    public static CotEvent forceDelete(String uid, String type, Instant now) {
        Link link = new Link(Attributes.of("uid", uid, "type", type, "relation", "none"));
        return CotEvent.builder("retract-" + uid, CotType.DELETE.value())
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .detail(Detail.builder().links(List.of(link)).unknown(List.of("<__forcedelete/>")).build())
                .build();
    }
}
