package org.kizuna.app.history;

import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.release.NodeRelease;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.Egress;
import org.kizuna.core.routing.Ingest;
import org.kizuna.core.routing.Origin;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.store.StoredEvent;

/**
 * A replay is an outbound edge like any other: each stored event leaves only as the node's release
 * boundary would hand it to the recipient it goes to ({@code --as}, by default the identity of
 * the certificate the replay presents), under the posture in force now — group reachability,
 * then the guard with its obligations, a delay counted from receipt. With labels off, everything
 * group-reachable goes, as the node itself would send it. What leaves is a first release in the
 * node's audit log like any other.
 */
final class ReplayRelease implements AutoCloseable {

    private final NodeRelease release;
    private final Egress egress;
    private final Recipient recipient;
    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);
    private final Clock clock;
    private long withheld;

    private ReplayRelease(NodeRelease release, Recipient recipient, Clock clock) {
        this.release = release;
        this.egress = new Egress(release.decision());
        this.recipient = recipient;
        this.clock = clock;
    }

    /** The node's release side, deciding for {@code identity} with the groups the node gives it. */
    static ReplayRelease of(NodeConfig config, ClientIdentity identity, Clock clock) {
        NodeRelease release = NodeRelease.from(config, clock);
        ReleaseDecision decision = release.decision();
        return new ReplayRelease(release, decision.recipient(identity, config.groupDirectory().groupsFor(identity)),
                clock);
    }

    /** {@code event} (read back from {@code stored}) as the recipient may have it now; empty when withheld. */
    Optional<CotEvent> releasable(StoredEvent stored, CotEvent event) {
        Set<Group> written = new HashSet<>();
        stored.groups().forEach(g -> written.add(new Group(g)));
        Ingest in = release.decision().restored(event);
        Optional<RoutedEvent> copy = Optional.empty();
        if (!stored.direct() && recipient.groups().canRead(written) && !in.isRefused()) {
            RoutedEvent routed = new RoutedEvent(in.event(), null, codec, in.label(),
                    release.decision().marking(in.label()),
                    new Origin(ClientIdentity.recorded(stored.sender()), written, false, null));
            copy = egress.releaseStored(routed, stored.receivedAt(), clock.instant(), recipient);
        }
        if (copy.isEmpty()) {
            withheld++;
        }
        return copy.map(RoutedEvent::event);
    }

    /** Who the replay was decided for. */
    String recipientName() {
        return recipient.name();
    }

    /** Events the boundary did not release to the recipient. */
    long withheld() {
        return withheld;
    }

    @Override
    public void close() throws IOException {
        release.close();
    }
}
