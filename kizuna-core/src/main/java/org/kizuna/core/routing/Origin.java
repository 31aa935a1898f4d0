package org.kizuna.core.routing;

import java.util.Objects;
import java.util.Set;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;

/**
 * Who published a routed event and where it was written: the facts every sink needs besides the
 * event itself (history keeps the publisher and groups, federation the groups and provenance, the
 * web COP shows a chat's authenticated sender).
 *
 * @param publisher    the authenticated identity that sent it (a certificate, a web account, a
 *                     partner node); null for what the node itself says, and in a copy released
 *                     without identity
 * @param writeGroups  the groups it was written into (the sender's IN groups, or one of them)
 * @param pointToPoint whether it went to named recipients only (never into the picture)
 * @param provenance   the federation path of a partner's event; null for local events
 */
public record Origin(ClientIdentity publisher, Set<Group> writeGroups, boolean pointToPoint, Provenance provenance) {

    /** What the node itself says (retractions, answers): no publisher, no groups. */
    public static final Origin NODE = new Origin(null, Set.of(), false, null);

    public Origin {
        writeGroups = Set.copyOf(writeGroups);
    }

    /** A local client's (or web account's) event. */
    public static Origin local(ClientIdentity publisher, Set<Group> writeGroups, boolean pointToPoint) {
        return new Origin(Objects.requireNonNull(publisher, "publisher"), writeGroups, pointToPoint, null);
    }

    /** A partner's event, written into the groups the partner's inbound traffic goes to. */
    public static Origin foreign(ClientIdentity partner, Set<Group> writeGroups, Provenance provenance) {
        return new Origin(Objects.requireNonNull(partner, "partner"), writeGroups, false,
                Objects.requireNonNull(provenance, "provenance"));
    }

    /** The same origin without who published it: for copies released without identity. */
    public Origin anonymised() {
        return new Origin(null, writeGroups, pointToPoint, null);
    }

    /** The publisher's name, or null. */
    public String publisherName() {
        return publisher == null ? null : publisher.name();
    }

    public boolean isForeign() {
        return provenance != null;
    }

    @Override
    public String toString() {
        return publisher == null ? "node" : publisher.name();
    }
}
