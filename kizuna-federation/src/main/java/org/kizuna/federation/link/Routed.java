package org.kizuna.federation.link;

import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.Provenance;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.TakProtoCodec;

/**
 * One event the router routed, on its way to every link: the router's own value, whose TAK
 * encoding (and that of each shaped variant) is made once and shared by every partner and every
 * local client that gets the same copy (encode once, fan out many).
 */
public final class Routed {

    private final RoutedEvent routed;
    private final TakProtoCodec codec;

    public Routed(RoutedEvent routed, TakProtoCodec codec) {
        this.routed = routed;
        this.codec = codec;
    }

    /** What the router routed: label key, origin, encodings. */
    public RoutedEvent routed() {
        return routed;
    }

    public CotEvent event() {
        return routed.event();
    }

    public Set<Group> writeGroups() {
        return routed.origin().writeGroups();
    }

    /** {@code null} for an event of a local client. */
    public Provenance provenance() {
        return routed.origin().provenance();
    }

    /**
     * The TAK message bytes of {@code sent}: the released copy's shared encoding when it is that
     * copy's event, else (a relayed item under its origin's uid) encoded here.
     */
    byte[] takBytes(CotEvent sent, RoutedEvent copy) {
        return sent == copy.event() ? copy.takMessage() : codec.encode(sent);
    }
}
