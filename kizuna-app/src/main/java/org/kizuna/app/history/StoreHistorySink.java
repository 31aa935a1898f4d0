package org.kizuna.app.history;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.kizuna.app.config.HistoryConfig;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelXmlReader;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.writer.HistoryWriter;
import org.kizuna.server.routing.HistorySink;
import org.kizuna.server.session.Group;
import org.kizuna.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's history seam backed by the batched writer. Runs on event loops: it encodes the
 * event once and enqueues; it never touches the database.
 *
 * <p>Inputs are told apart by how the client authenticated: TLS clients have a certificate, plain
 * TCP clients are anonymous. Each input's {@code archive: false} leaves its traffic out.
 */
final class StoreHistorySink implements HistorySink {

    private static final Logger log = LoggerFactory.getLogger(StoreHistorySink.class);

    private final HistoryWriter writer;
    private final boolean archiveTls;
    private final boolean archivePlain;
    private final Clock clock;

    StoreHistorySink(HistoryWriter writer, HistoryConfig config, Clock clock) {
        this.writer = writer;
        this.archiveTls = config.archiveTls();
        this.archivePlain = config.archivePlain();
        this.clock = clock;
    }

    @Override
    public void routed(CotEvent event, Session sender) {
        routed(event, sender, sender.groups().in(), false);
    }

    @Override
    public void routed(CotEvent event, Session sender, Set<Group> writeGroups, boolean pointToPoint) {
        if (archives(sender)) {
            writer.offer(labelled(event, StoredEvent.of(event, sender.identity().name(), names(writeGroups), pointToPoint,
                    clock.instant())));
        }
    }

    /**
     * Chat is delivered only once committed. When it cannot be stored (the queue is full because
     * the database is far behind, or the database refused it after retries) it is not delivered
     * either: a message someone read is never missing from the record. Refusals are logged and
     * counted by the writer.
     */
    @Override
    public void routedDurably(CotEvent event, Session sender, Set<Group> writeGroups, boolean pointToPoint,
                              Runnable deliver) {
        if (!archives(sender)) {
            deliver.run();
            return;
        }
        Instant now = clock.instant();
        Set<String> groups = names(writeGroups);
        String identity = sender.identity().name();
        StoredEvent stored = labelled(event, StoredEvent.of(event, identity, groups, pointToPoint, now));
        writer.offerChat(stored, ChatRow.of(event, identity, groups, now)).whenComplete((ok, failure) -> {
            if (failure == null) {
                deliver.run();
            } else {
                log.warn("chat {} from {} not stored, so not delivered: {}", event.uid(), identity, failure.getMessage());
            }
        });
    }

    @Override
    public void connected(Session session) {
        if (archives(session)) {
            writer.offer(row(session, ConnectionRow.Kind.CONNECTED));
        }
    }

    @Override
    public void disconnected(Session session) {
        if (archives(session)) {
            writer.offer(row(session, ConnectionRow.Kind.DISCONNECTED));
        }
    }

    private ConnectionRow row(Session s, ConnectionRow.Kind kind) {
        return new ConnectionRow(clock.instant(), kind, s.id(), s.identity().name(), s.uid(), s.callsign(),
                names(s.groups().in()), names(s.groups().out()));
    }

    /**
     * The label the router wrote into the event ({@code <__seclabel>}) goes into its own columns
     * too, so history can be filtered by label without parsing every stored event.
     */
    static StoredEvent labelled(CotEvent event, StoredEvent stored) {
        for (String element : event.detail().unknown()) {
            if (element.startsWith("<" + EventLabels.ELEMENT + ">")) {
                try {
                    SecurityLabel originator = LabelXmlReader.read(element).originator();
                    String inner = element.substring(EventLabels.ELEMENT.length() + 2,
                            element.length() - EventLabels.ELEMENT.length() - 3);
                    return stored.withLabel(inner, originator.policyId(), originator.classification());
                } catch (LabelFormatException e) {
                    // the router writes this element itself; an unreadable one is a bug worth a line
                    log.warn("event {} carries an unreadable label: {}", event.uid(), e.getMessage());
                }
            }
        }
        return stored;
    }

    private boolean archives(Session sender) {
        return sender.identity().authenticated() ? archiveTls : archivePlain;
    }

    private static Set<String> names(Set<Group> groups) {
        Set<String> names = new LinkedHashSet<>();
        groups.forEach(g -> names.add(g.name()));
        return names;
    }
}
