package org.kizuna.app.history;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kizuna.app.config.HistoryConfig;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.server.KizunaServer;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import org.kizuna.store.writer.HistoryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node's history: the store, its writer and the sink the server calls. Closing flushes
 * the writer before the store closes.
 */
public final class NodeHistory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeHistory.class);
    /** Most items restored into the picture at start; far above any real picture. */
    public static final int MAX_RESTORED = 200_000;

    private final JdbcHistoryStore store;
    private final HistoryWriter writer;
    private final StoreHistorySink sink;
    private final Clock clock;

    private NodeHistory(JdbcHistoryStore store, HistoryWriter writer, StoreHistorySink sink, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.sink = sink;
        this.clock = clock;
    }

    /** Opens the configured store (migrating it) and starts its writer; their counters go to {@code registry}. */
    public static NodeHistory open(HistoryConfig config, Clock clock, MeterRegistry registry) {
        JdbcHistoryStore store = JdbcHistoryStore.open(config.store(), clock);
        HistoryWriter writer = new HistoryWriter(store, config.writer());
        HistoryMeters.bind(registry, writer, store);
        return new NodeHistory(store, writer, new StoreHistorySink(writer, config, clock), clock);
    }

    public HistorySink sink() {
        return sink;
    }

    public JdbcHistoryStore store() {
        return store;
    }

    public HistoryWriter writer() {
        return writer;
    }

    /** Puts the stored, still current picture back into {@code server}; returns how many items. */
    public int restorePicture(KizunaServer server, CotLimits limits) {
        List<StoredEvent> picture = store.currentPicture(clock.instant(), MAX_RESTORED);
        CotXmlReader reader = new CotXmlReader(limits);
        int restored = 0;
        for (StoredEvent stored : picture) {
            try {
                server.restorePicture(reader.read(stored.xml()), groups(stored.groups()));
                restored++;
            } catch (CotDecodeException | IllegalArgumentException e) {
                log.warn("stored event {} not restored: {}", stored.uid(), e.getMessage());
            }
        }
        log.info("restored {} items of the picture from history", restored);
        return restored;
    }

    private static Set<Group> groups(Set<String> names) {
        Set<Group> groups = new LinkedHashSet<>();
        names.forEach(n -> groups.add(new Group(n)));
        return groups;
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
