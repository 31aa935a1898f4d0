package org.kizuna.federation.link;

import java.util.ArrayList;
import java.util.List;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.detail.Link;

/**
 * How a partner's items appear to local TAK clients: the uid is namespaced with the origin node,
 * {@code ORIGIN_NODE:uid}, so that the key of a foreign item is (origin node, uid) and two
 * nations' uids never collide or overwrite each other (c2-standards §7.4: never rewrite another
 * nation's uid, namespace it). A delete's {@code <link uid>} names the item it removes and is
 * namespaced the same way; other links are left as the origin wrote them.
 */
public final class ForeignUids {

    /** Separates the origin node from the origin's uid; node ids never contain it. */
    public static final char SEPARATOR = ':';

    private ForeignUids() {
    }

    public static String present(String originNode, String uid) {
        return originNode + SEPARATOR + uid;
    }

    /** {@code event} as local clients see it; throws IAE when the namespaced uid is too long. */
    static CotEvent present(CotEvent event, String originNode) {
        CotEvent.Builder b = event.toBuilder().uid(present(originNode, event.uid()));
        if (event.type().isA(CotType.DELETE) && !event.detail().links().isEmpty()) {
            List<Link> links = new ArrayList<>();
            for (Link link : event.detail().links()) {
                links.add(link.uid()
                        .map(uid -> new Link(link.attributes().with("uid", present(originNode, uid))))
                        .orElse(link));
            }
            b.detail(event.detail().toBuilder().links(links).build());
        }
        return b.build();
    }

    /** The origin's own form of a presented event (for relaying it on). */
    static CotEvent unpresent(CotEvent event, String originNode, String originUid) {
        CotEvent.Builder b = event.toBuilder().uid(originUid);
        String prefix = originNode + SEPARATOR;
        if (event.type().isA(CotType.DELETE) && !event.detail().links().isEmpty()) {
            List<Link> links = new ArrayList<>();
            for (Link link : event.detail().links()) {
                links.add(link.uid().filter(uid -> uid.startsWith(prefix))
                        .map(uid -> new Link(link.attributes().with("uid", uid.substring(prefix.length()))))
                        .orElse(link));
            }
            b.detail(event.detail().toBuilder().links(links).build());
        }
        return b.build();
    }
}
