package org.kizuna.federation.link;

import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.core.routing.Provenance;
import org.kizuna.core.identity.Group;

/**
 * One event the router broadcast, on its way to every link. Encoded to TAK protobuf at most once
 * when the release guard sends it unchanged to several partners (encode once, fan out many).
 */
public final class Routed {

    private final CotEvent event;
    private final Set<Group> writeGroups;
    private final Provenance provenance;
    private final TakProtoCodec codec;
    private volatile byte[] tak;

    public Routed(CotEvent event, Set<Group> writeGroups, Provenance provenance, TakProtoCodec codec) {
        this.event = event;
        this.writeGroups = writeGroups;
        this.provenance = provenance;
        this.codec = codec;
    }

    public CotEvent event() {
        return event;
    }

    public Set<Group> writeGroups() {
        return writeGroups;
    }

    /** {@code null} for an event of a local client. */
    public Provenance provenance() {
        return provenance;
    }

    /** The TAK message bytes of {@code sent}: shared when it is the routed event itself. */
    byte[] takBytes(CotEvent sent) {
        if (sent != event) {
            return codec.encode(sent);
        }
        byte[] b = tak;
        if (b == null) {
            b = codec.encode(event); // a benign race: equal results, one wins
            tak = b;
        }
        return b;
    }
}
