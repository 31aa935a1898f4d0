package org.kizuna.core.leaks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.LatestState;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;

/**
 * The edges a request reads: {@code Router.visiblePicture} (the web API's contacts),
 * {@code Egress.releaseNow} on each picture item (the Marti contact list) and
 * {@code Router.releaseStored} on what history kept (read back from its XML, as the store keeps
 * it). Nothing delayed is answered before its delay: not at all from the live picture, and from
 * history only once the delay has passed since the node received it.
 */
final class RestChecks {

    private static final CotXmlReader XML = new CotXmlReader(CotLimits.DEFAULTS);

    private final Node node;
    private final OracleBook book;
    private final LeakTally tally;
    private final LocalChecks local;
    private final CopyVerifier verifier;

    RestChecks(Node node, Oracle oracle, OracleBook book, LeakTally tally, LocalChecks local) {
        this.node = node;
        this.book = book;
        this.tally = tally;
        this.local = local;
        this.verifier = new CopyVerifier(oracle);
    }

    /** The contacts view and the Marti contact list, as {@code recipient} asks for them now. */
    void picture(Recipient recipient, OracleClearance who, Set<String> out) {
        for (RoutedEvent r : node.router.visiblePicture(recipient)) {
            check("visible-picture", r, who, out, null);
        }
        for (LatestState.Entry entry : node.router.picture().snapshot(node.now())) {
            node.router.egress().releaseNow(entry.routed(), recipient).ifPresent(r -> check("marti-contacts", r, who, null, null));
        }
    }

    /** Up to {@code n} events of history, each as {@code recipient} may see it now. */
    void history(Recipient recipient, OracleClearance who, SplittableRandom random, int n) {
        List<Node.Stored> stored = node.history;
        for (int i = 0; i < n && !stored.isEmpty(); i++) {
            Node.Stored s = stored.get(random.nextInt(stored.size()));
            CotEvent kept;
            try {
                kept = XML.read(s.routed().xml());
            } catch (CotDecodeException e) {
                throw new IllegalStateException("history keeps XML the reader refuses", e);
            }
            Optional<RoutedEvent> r = node.router.releaseStored(kept, s.receivedAt(), s.routed().origin(), recipient);
            r.ifPresent(copy -> check("history", copy, who, null, s));
        }
    }

    private void check(String edge, RoutedEvent r, OracleClearance who, Set<String> out, Node.Stored stored) {
        DeliveredCopy copy = local.read(r);
        OracleBook.Source src = book.source(copy.time());
        String context = edge + " to " + who;
        if (src == null) {
            local.leak(context, null, copy, List.of("an answer the oracle cannot explain"));
            return;
        }
        tally.delivered(edge);
        book.told(who.holder(), copy.uid());
        if (out != null && !LocalChecks.canRead(out, src.writeGroups())) {
            local.leak(context, src, copy, List.of("the caller reads none of the groups " + src.writeGroups()));
        }
        Shaping[] permitted = new Shaping[1];
        List<String> problems = verifier.problems(copy, src, who, node.posture().posture().name(), permitted);
        if (permitted[0] != null && permitted[0].delaySeconds() > 0) {
            long waited = stored == null ? 0 : Duration.between(stored.receivedAt(), node.now()).toSeconds();
            if (waited < permitted[0].delaySeconds()) {
                problems.add("answered " + waited + " s after receipt, though delayed by " + permitted[0].delaySeconds() + " s");
            }
        }
        if (!problems.isEmpty()) {
            local.leak(context, src, copy, problems);
        }
    }
}
