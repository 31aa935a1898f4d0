package org.kizuna.app.history;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.app.config.HistoryConfig;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.Origin;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.LabelXmlWriter;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.writer.HistoryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's history seam backed by the batched writer. Runs on event loops: it takes the
 * routed event's one XML encoding (the bytes XML clients got) and its label key, and enqueues; it
 * never encodes the event again, never reads the label back out of it, and never touches the
 * database.
 *
 * <p>Inputs are told apart by how the client authenticated: TLS clients have a certificate, plain
 * TCP clients are anonymous. Each input's {@code archive: false} leaves its traffic out.
 */
final class StoreHistorySink implements HistorySink {

    private static final Logger log = LoggerFactory.getLogger(StoreHistorySink.class);
    /** Marks where the label's creation time goes in its cached XML; never valid XML text. */
    private static final String TIME_SLOT = "\u0000time\u0000";
    /** Cached label XML per interned label, bounded like the guard's interned labels. */
    private static final int MAX_FORMS = 10_000;

    private final HistoryWriter writer;
    private final boolean archiveTls;
    private final boolean archivePlain;
    private final Clock clock;
    private final Map<LabelKey, List<String>> labelXml = new ConcurrentHashMap<>();

    StoreHistorySink(HistoryWriter writer, HistoryConfig config, Clock clock) {
        this.writer = writer;
        this.archiveTls = config.archiveTls();
        this.archivePlain = config.archivePlain();
        this.clock = clock;
    }

    @Override
    public void routed(RoutedEvent routed) {
        if (archives(routed.origin())) {
            writer.offer(stored(routed, clock.instant()));
        }
    }

    /**
     * Chat is delivered only once committed. When it cannot be stored (the queue is full because
     * the database is far behind, or the database refused it after retries) it is not delivered
     * either: a message someone read is never missing from the record. Refusals are logged and
     * counted by the writer.
     */
    @Override
    public void routedDurably(RoutedEvent routed, Runnable deliver) {
        if (!archives(routed.origin())) {
            deliver.run();
            return;
        }
        Instant now = clock.instant();
        StoredEvent stored = stored(routed, now);
        String identity = routed.origin().publisherName();
        writer.offerChat(stored, ChatRow.of(routed.event(), identity, stored.groups(), now)).whenComplete((ok, failure) -> {
            if (failure == null) {
                deliver.run();
            } else {
                log.warn("chat {} from {} not stored, so not delivered: {}", routed.event().uid(), identity,
                        failure.getMessage());
            }
        });
    }

    @Override
    public void connected(Subscriber subscriber) {
        if (archives(subscriber.identity())) {
            writer.offer(row(subscriber, ConnectionRow.Kind.CONNECTED));
        }
    }

    @Override
    public void disconnected(Subscriber subscriber) {
        if (archives(subscriber.identity())) {
            writer.offer(row(subscriber, ConnectionRow.Kind.DISCONNECTED));
        }
    }

    private ConnectionRow row(Subscriber s, ConnectionRow.Kind kind) {
        return new ConnectionRow(clock.instant(), kind, s.id(), s.identity().name(), s.uid(), s.callsign(),
                names(s.groups().in()), names(s.groups().out()));
    }

    StoredEvent stored(RoutedEvent routed, Instant now) {
        Origin origin = routed.origin();
        StoredEvent stored = StoredEvent.of(routed.event(), routed.xml(), origin.publisherName(),
                names(origin.writeGroups()), origin.pointToPoint(), now);
        return routed.label() == null ? stored : labelled(stored, routed.label(), routed.event());
    }

    /**
     * The label goes into its own columns too (4774 XML, policy, classification), so history can
     * be filtered by label without parsing every stored event. Written from the label key the
     * router made; the XML around the creation time is made once per label.
     */
    private StoredEvent labelled(StoredEvent stored, LabelKey key, CotEvent event) {
        List<String> parts = labelXml.get(key);
        if (parts == null) {
            if (labelXml.size() >= MAX_FORMS) {
                labelXml.clear(); // a flood of invented labels must not grow memory
            }
            parts = List.of(LabelXmlWriter.write(key.labels(), TIME_SLOT).split(TIME_SLOT, -1));
            labelXml.put(key, parts);
        }
        LabelSet labels = key.labels();
        SecurityLabel originator = labels.originator();
        return stored.withLabel(String.join(event.time().toString(), parts), originator.policyId(),
                originator.classification());
    }

    private boolean archives(Origin origin) {
        return origin.publisher() != null && archives(origin.publisher());
    }

    private boolean archives(ClientIdentity identity) {
        return identity.authenticated() ? archiveTls : archivePlain;
    }

    private static Set<String> names(Set<Group> groups) {
        Set<String> names = new LinkedHashSet<>();
        groups.forEach(g -> names.add(g.name()));
        return names;
    }
}
