package org.kizuna.core.identity;

import java.util.Objects;
import org.kizuna.policy.release.ClearanceKey;

/**
 * Whoever an outbound edge hands something to, as the release boundary sees it: a TAK client, a
 * browser's live feed, the caller of one REST request, or a partner node. All are decided alike,
 * from these three things and nothing about the transport.
 *
 * @param identity  who it is, as proven (certificate, web account, partner certificate)
 * @param groups    what it may read ({@code out}) and write ({@code in})
 * @param clearance what it may hold, as the release guard's cache key; {@code null} when labels are off
 */
public record Recipient(ClientIdentity identity, GroupMembership groups, ClearanceKey clearance) {

    public Recipient {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(groups, "groups");
    }

    /** A recipient without a clearance: nodes with labels off. */
    public static Recipient unlabelled(ClientIdentity identity, GroupMembership groups) {
        return new Recipient(identity, groups, null);
    }

    public String name() {
        return identity.name();
    }
}
