package org.kizuna.app.posture;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureChange;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.server.http.posture.PostureAdmin;
import org.kizuna.store.audit.AuditLog;

/**
 * Posture steps on a node's data directory: each under the posture file's lock, and every step it
 * took (lapses and reversions that fell due included) handed to {@code taken}, which puts them in
 * the audit log ({@link #record}). The command line and the web API's admins both go through here.
 */
public final class PostureSteps implements PostureAdmin {

    private final PostureFile file;
    private final Posture initial;
    private final Clock clock;
    private final Consumer<List<PostureEvent>> taken;

    public PostureSteps(PostureFile file, Posture initial, Clock clock, Consumer<List<PostureEvent>> taken) {
        this.file = file;
        this.initial = initial;
        this.clock = clock;
        this.taken = taken;
    }

    /** Steps recorded in {@code audit} as they are taken (the running node's log). */
    public static PostureSteps audited(PostureFile file, Posture initial, Clock clock, AuditLog audit) {
        return new PostureSteps(file, initial, clock, events -> record(audit, events));
    }

    /**
     * The saved posture with what fell due (a lapse, a reversion) applied in memory only: a read
     * takes no lock and writes nothing, so every browser may ask as often as it likes. The node's
     * own watch ({@link #applyDue}) saves and audits those steps.
     */
    @Override
    public PostureControl status() throws IOException {
        PostureControl control = file.read(initial, clock);
        control.tick();
        return control;
    }

    /** Applies, saves and records what fell due (a lapse, a reversion), under the lock. */
    public PostureControl applyDue() throws IOException {
        return apply(c -> null);
    }

    @Override
    public PostureControl request(Posture posture, Optional<Duration> lasts, String by) throws IOException {
        return apply(c -> c.request(posture, by, lasts));
    }

    @Override
    public PostureControl approve(Posture posture, String by) throws IOException {
        return apply(c -> {
            PostureChange pending = c.pending()
                    .orElseThrow(() -> new IllegalStateException("no posture change is waiting for approval"));
            if (!pending.posture().equals(posture)) {
                throw new IllegalStateException("the change waiting for approval is to " + pending.posture()
                        + ", not " + posture);
            }
            return c.approve(by);
        });
    }

    /** Approves whatever is pending: the command line's {@code approve}, which names no posture. */
    public PostureControl approvePending(String by) throws IOException {
        return apply(c -> c.approve(by));
    }

    @Override
    public PostureControl cancel(String by) throws IOException {
        return apply(c -> c.cancel(by));
    }

    private PostureControl apply(Function<PostureControl, Object> step) throws IOException {
        PostureFile.Update<Object> update = file.update(initial, clock, step);
        if (!update.events().isEmpty()) {
            taken.accept(update.events());
        }
        return update.control();
    }

    /** Audit records of posture steps; a step nobody took (a lapse, a reversion) is the node's. */
    public static void record(AuditLog audit, Iterable<PostureEvent> events) {
        for (PostureEvent e : events) {
            audit.append("posture-" + e.kind().name().toLowerCase(Locale.ROOT), e.by().isEmpty() ? "node" : e.by(),
                    e.posture() + " (version " + e.version() + ")");
        }
    }
}
