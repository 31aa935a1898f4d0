package org.kizuna.server.http.cop;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.Router;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.http.Caller;
import org.kizuna.server.session.Session;

/**
 * A caller of one REST request as the router sees a client: its identity and groups, speaking as
 * its own uid. Never registered, so it receives nothing; it exists so that the router's own
 * visibility rules and sending path serve REST callers too.
 */
final class CallerSession {

    /** Id of request-scoped sessions: registered sessions start at 1, so none is ever "itself". */
    static final long UNREGISTERED = -1;
    /** The CoT type a browser user is shown as when it is a sender. */
    static final String WEB_USER_TYPE = "a-f-G-U-C";

    private CallerSession() {
    }

    /** The caller as the release boundary decides for it. */
    static Recipient recipient(Caller caller, Router router) {
        return router.release().recipient(caller.identity(), caller.groups());
    }

    /** The caller as a sender (the web API's chat): a subscriber that is never registered. */
    static Session of(Caller caller, Router router, Channel channel, ServerMetrics metrics) {
        Session s = new Session(UNREGISTERED, recipient(caller, router), channel, 1, Duration.ofSeconds(1), metrics);
        s.learnSelf(caller.uid(), caller.callsign(), WEB_USER_TYPE);
        return s;
    }

    /** The names of the groups the caller reads from (the store's group filter). */
    static Set<String> readable(Caller caller) {
        Set<String> names = new TreeSet<>();
        for (Group g : caller.groups().out()) {
            names.add(g.name());
        }
        return names;
    }
}
