package org.kizuna.federation;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.kizuna.core.routing.LatestState;
import org.kizuna.federation.link.ForeignIngest;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.tls.Revocations;

/**
 * What federation needs of the local node: where partners' events go, the current picture
 * (sent to a partner that starts from nothing, so it resyncs to the latest state), and the node
 * CA's revocation list (a partner certificate our CA issued can be revoked like any other).
 */
public record LocalNode(ForeignIngest ingest, Supplier<List<LatestState.Entry>> picture, Revocations revocations) {

    public LocalNode {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(revocations, "revocations");
    }

    /** A node without a revocation list (benchmarks). */
    public LocalNode(ForeignIngest ingest, Supplier<List<LatestState.Entry>> picture) {
        this(ingest, picture, Revocations.none());
    }

    public static LocalNode of(KizunaServer server, Clock clock) {
        return new LocalNode(server.router()::routeForeign, () -> server.picture().snapshot(clock.instant()),
                server.revocations());
    }
}
