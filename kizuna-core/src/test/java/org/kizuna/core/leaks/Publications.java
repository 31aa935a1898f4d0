package org.kizuna.core.leaks;

import java.util.List;
import java.util.SplittableRandom;

/** What clients ordinarily send, and what partners send. */
final class Publications {

    static final List<String> ITEM_TYPES = List.of("a-f-G-E-V", "a-h-G", "a-n-A-C", "a-u-G", "b-m-p-s-m", "a-f-G-U-C");

    private Publications() {
    }

    /**
     * Its own report, its own items (updated, with new labels), chat to all or to one, an item
     * addressed to one client, a delete of its own item, or a forbidden type.
     */
    static Publication ordinary(World world, EventFactory events, SplittableRandom random, Session s,
                                List<Session> sessions) {
        World.Client c = s.client;
        int dice = random.nextInt(100);
        String to = addressee(random, s, sessions);
        if (dice < 25) {
            return events.item(c.selfUid(), c.selfType(), c.callsign(), true, "report");
        } else if (dice < 50) {
            return events.item(ownItem(c, random), ITEM_TYPES.get(random.nextInt(ITEM_TYPES.size())),
                    "mk-" + c.name(), false, "item");
        } else if (dice < 62 || (dice < 70 && to == null)) {
            return events.chat(c.selfUid(), c.selfUid(), c.callsign(), null, "chat to all");
        } else if (dice < 70) {
            return events.chat(c.selfUid(), c.selfUid(), c.callsign(), to, "direct chat");
        } else if (dice < 78 && to != null) {
            return events.addressed(events.item(ownItem(c, random), "b-m-p-s-m", "mk-" + c.name(), false,
                    "addressed item"), to);
        } else if (dice < 92) {
            return events.delete(ownItem(c, random), "delete own item");
        }
        return events.item("K-" + c.name() + "-" + events.next(), random.nextBoolean() ? "t-k-d" : "T-p-X",
                c.callsign(), false, "forbidden type");
    }

    static String ownItem(World.Client c, SplittableRandom random) {
        return "T-" + c.name() + "-" + random.nextInt(4);
    }

    /** A partner's item: always labelled, in its {@code <__seclabel>}. */
    static Publication foreign(EventFactory events, String uid) {
        return events.foreign(uid);
    }

    private static String addressee(SplittableRandom random, Session s, List<Session> sessions) {
        List<Session> known = sessions.stream().filter(o -> o != s && o.selfUid != null).toList();
        return known.isEmpty() ? null : known.get(random.nextInt(known.size())).selfUid;
    }
}
