package org.kizuna.app.release;

import java.util.Set;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.Origin;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.release.ReleaseGuard;

/** Routed values as the router makes them, for tests of the partner guard without a router. */
final class LabelledRouting {

    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);

    private LabelledRouting() {
    }

    /** {@code event} (its label written in) routed by a local client of the anonymous group, keyed by {@code guard}. */
    static RoutedEvent routed(CotEvent event, EventLabels labels, ReleaseGuard guard) {
        try {
            return new RoutedEvent(event, null, CODEC, guard.key(labels.read(event).orElseThrow()), null,
                    Origin.local(ClientIdentity.certificate("client", "00"), Set.of(Group.ANONYMOUS), false));
        } catch (LabelFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
