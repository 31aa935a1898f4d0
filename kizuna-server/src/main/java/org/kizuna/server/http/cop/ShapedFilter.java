package org.kizuna.server.http.cop;

import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.store.BoundingBox;

/**
 * History filters evaluated on the copy a caller may see (coarsened, pseudonymous, without
 * identity), and the superset of them the database can be asked for first.
 *
 * @param bbox   where the caller's copy must lie; null for anywhere
 * @param uid    the uid of the caller's copy (a pseudonym finds only pseudonymous copies)
 * @param type   a type prefix of the caller's copy (a copy without identity has a shorter type)
 * @param sender the identity that sent it; never matches a copy released without identity
 */
record ShapedFilter(BoundingBox bbox, String uid, String type, String sender) {

    /** What pseudonyms start with ({@code ObligationApplier}): never a stored uid filter. */
    private static final String PSEUDONYM = "anon-";

    /** The bbox for the database: wide enough that no copy coarsened into the caller's bbox is left out. */
    BoundingBox widenedBbox(double maxCoarsenMetres) {
        return bbox == null ? null : bbox.widenedBy(maxCoarsenMetres);
    }

    /** The uid for the database; a pseudonym is looked for among the released copies only. */
    String storedUid() {
        return uid == null || uid.startsWith(PSEUDONYM) ? null : uid;
    }

    boolean matches(RoutedEvent copy) {
        CotEvent e = copy.event();
        if (bbox != null && !bbox.contains(e.point().lat(), e.point().lon())) {
            return false;
        }
        if (uid != null && !uid.equals(e.uid())) {
            return false;
        }
        if (type != null && !e.type().isA(type)) {
            return false;
        }
        return sender == null || copy.origin().publisher() != null;
    }
}
