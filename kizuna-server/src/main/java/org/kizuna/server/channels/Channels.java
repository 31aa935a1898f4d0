package org.kizuna.server.channels;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.identity.ChannelChoice;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.server.control.ControlMessages;
import org.kizuna.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each client identity's channel choice, and the sessions that follow it.
 *
 * <p>The choice belongs to the user (the certificate's common name, which its groups come from
 * too), not to one connection or one certificate: it holds for every session the user has open
 * and for those it opens later, also with a reissued certificate, until it is changed or the node
 * restarts. TAK Server keeps it per user in its group cache the same way; Kizuna does not persist
 * it: a restarted node starts with every group active, which never widens anything.
 */
public final class Channels {

    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final Map<Key, ChannelChoice> choices = new ConcurrentHashMap<>();
    private final Subscribers sessions;
    private final Router router;
    private final TakProtoCodec codec;
    private final Clock clock;

    public Channels(Subscribers sessions, Router router, TakProtoCodec codec, Clock clock) {
        this.sessions = sessions;
        this.router = router;
        this.codec = codec;
        this.clock = clock;
    }

    public ChannelChoice choiceOf(ClientIdentity identity) {
        return choices.getOrDefault(Key.of(identity), ChannelChoice.ALL_ACTIVE);
    }

    /**
     * Registers a new session, routed by its user's choice from its first delivery on (before it
     * is sent the picture). Synchronized with {@link #choose}: a choice made meanwhile is not lost.
     */
    public synchronized void register(Session session) {
        session.useGroups(choiceOf(session.identity()).applyTo(session.recipient().groups()));
        sessions.add(session);
    }

    /**
     * Makes {@code selections} the identity's whole choice: a group of {@code full} is active in a
     * direction when an entry covering that direction says so, and switched off otherwise (TAK
     * clients send the complete list each time). Activating a group outside {@code full} refuses
     * the whole choice; an inactive entry for such a group is ignored (a stale client cache).
     * Sessions of the identity are narrowed at once, told with a {@code t-x-g-c} notice, and sent
     * the picture again when a group they read came back.
     */
    public synchronized ChannelChoice choose(ClientIdentity identity, GroupMembership full, List<Selection> selections)
            throws ForeignGroupException {
        for (Selection s : selections) {
            if (s.active() && !(s.covers(true) && full.in().contains(s.group())
                    || s.covers(false) && full.out().contains(s.group()))) {
                log.warn("channel choice of {} refused: {} is not one of its groups", identity.name(), s.group());
                throw new ForeignGroupException(s.group().name());
            }
        }
        ChannelChoice before = choiceOf(identity);
        ChannelChoice choice = new ChannelChoice(off(full.in(), selections, true), off(full.out(), selections, false));
        if (choice.equals(ChannelChoice.ALL_ACTIVE)) {
            choices.remove(Key.of(identity));
        } else {
            choices.put(Key.of(identity), choice);
        }
        log.info("channels of {}: off in={} out={}", identity.name(), choice.offIn(), choice.offOut());
        boolean reopened = !choice.offOut().containsAll(before.offOut());
        for (Subscriber s : sessions.all()) {
            if (s instanceof Session session && Key.of(session.identity()).equals(Key.of(identity))) {
                session.useGroups(choice.applyTo(session.recipient().groups()));
                notify(session);
                if (reopened) {
                    router.sendPicture(session);
                }
            }
        }
        return choice;
    }

    /** A user: a certificate's common name, kept apart from a web account or a partner of that name. */
    private record Key(String name, boolean certificate) {
        static Key of(ClientIdentity identity) {
            return new Key(identity.name(), !identity.certificateFingerprint().isEmpty());
        }
    }

    private static Set<Group> off(Set<Group> member, List<Selection> selections, boolean inDirection) {
        Set<Group> off = new HashSet<>(member);
        for (Selection s : selections) {
            if (s.active() && s.covers(inDirection)) {
                off.remove(s.group());
            }
        }
        return off;
    }

    /** The {@code t-x-g-c} notice: it carries no list; clients read {@code groups/all} again. */
    private void notify(Session session) {
        CotEvent notice = ControlMessages.groupChange(clock.instant());
        session.channel().eventLoop().execute(() -> session.writeNow(session.wireFormat() == WireFormat.XML
                ? CotXmlWriter.toBytes(notice) : TakStreamFramer.frame(codec.encode(notice))));
    }
}
