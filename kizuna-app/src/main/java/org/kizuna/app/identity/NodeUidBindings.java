package org.kizuna.app.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kizuna.core.identity.Binding;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.store.identity.BindingRecord;
import org.kizuna.store.identity.Replayed;
import org.kizuna.store.identity.UidBindingLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's uid bindings with their journal ({@code DATA/identity/uid-bindings.log}): replayed and
 * compacted at open (bindings past their retention are dropped there), written by one background
 * thread, and compacted again at close with every binding's last use.
 *
 * <p>The router asks {@link #bindings()}; {@link #refresh()} (once a second, off the event loops)
 * applies what {@code kizuna uid release} appended meanwhile.
 */
public final class NodeUidBindings implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeUidBindings.class);

    private final UidBindingLog log;
    private final UidBindings bindings;
    private final JournalWriter writer;
    private volatile boolean closed;
    private boolean refreshFailing;

    private NodeUidBindings(UidBindingLog log, UidBindings bindings, JournalWriter writer) {
        this.log = log;
        this.bindings = bindings;
        this.writer = writer;
    }

    /** Opens the journal under {@code dataDir} (creating it owner-only) and starts its writer thread. */
    public static NodeUidBindings open(Path dataDir, IdentitySettings settings, Clock clock) throws IOException {
        UidBindingLog log = UidBindingLog.open(dataDir);
        try {
            Replayed replayed = log.replay();
            List<Binding> recovered = new ArrayList<>(replayed.live().size());
            for (BindingRecord.Bound b : replayed.live().values()) {
                recovered.add(new Binding(b.uid(), b.owner(), b.at()));
            }
            BindingQueue queue = new BindingQueue();
            UidBindings bindings = new UidBindings(settings, clock, queue, recovered);
            JournalWriter writer = new JournalWriter(log, queue, bindings, clock);
            writer.compact();
            LOG.info("uid bindings: {} recovered from {} ({} records{})", bindings.size(), UidBindingLog.file(dataDir),
                    replayed.records(), replayed.skipped() == 0 ? "" : ", " + replayed.skipped() + " unreadable skipped");
            writer.start();
            return new NodeUidBindings(log, bindings, writer);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** The bindings the router claims uids from. */
    public UidBindings bindings() {
        return bindings;
    }

    /**
     * Applies the releases {@code kizuna uid release} appended since the last call. Reads the
     * journal under its file lock, so it may wait for a moment: call it from a scheduler thread,
     * never an event loop. Trouble is logged, not thrown (a scheduled task that throws stops).
     *
     * @return how many uids it freed
     */
    public int refresh() {
        if (closed) {
            return 0;
        }
        try {
            int freed = writer.refresh();
            refreshFailing = false;
            return freed;
        } catch (IOException | RuntimeException e) {
            if (!closed && !refreshFailing) {
                LOG.warn("cannot read releases from the uid binding journal: {}", e.toString());
                refreshFailing = true;
            }
            return 0;
        }
    }

    /** Waits until every binding made before the call is on disk; false if that took longer than {@code timeout}. */
    public boolean flush(Duration timeout) throws InterruptedException {
        return writer.flush(timeout);
    }

    /** Writes what is queued, compacts (saving last use), and closes the journal. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.stop();
            writer.compact();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while closing the uid binding journal; the last bindings may be lost");
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot compact the uid binding journal at shutdown (last use since the last snapshot is lost): {}",
                    e.toString());
        } finally {
            try {
                log.close();
            } catch (IOException e) {
                LOG.warn("cannot close the uid binding journal: {}", e.toString());
            }
        }
    }
}
