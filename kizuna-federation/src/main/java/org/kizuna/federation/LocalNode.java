package org.kizuna.federation;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.kizuna.core.routing.LatestState;
import org.kizuna.federation.link.ForeignIngest;
import org.kizuna.server.KizunaServer;

/**
 * What federation needs of the local node: where partners' events go, and the current picture
 * (sent to a partner that starts from nothing, so it resyncs to the latest state).
 */
public record LocalNode(ForeignIngest ingest, Supplier<List<LatestState.Entry>> picture) {

    public LocalNode {
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(picture, "picture");
    }

    public static LocalNode of(KizunaServer server, Clock clock) {
        return new LocalNode(server.router()::routeForeign, () -> server.picture().snapshot(clock.instant()));
    }
}
