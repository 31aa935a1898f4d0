package org.kizuna.app.posture;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kizuna.core.federation.AuditTrail;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureChange;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.server.http.posture.PostureAdmin;

/**
 * Posture steps on a node's data directory: each under the posture file's lock, every step it
 * took (lapses and reversions that fell due included) handed to {@code audit} before the file is
 * saved; when the audit record cannot be written the step throws and nothing is saved. The
 * command line and the web API's admins both go through here.
 */
public final class PostureSteps implements PostureAdmin {

    private final PostureFile file;
    private final Posture initial;
    private final Clock clock;
    private final Consumer<List<PostureEvent>> audit;

    public PostureSteps(PostureFile file, Posture initial, Clock clock, Consumer<List<PostureEvent>> audit) {
        this.file = file;
        this.initial = initial;
        this.clock = clock;
        this.audit = audit;
    }

    /** Steps recorded in {@code trail} (the running node's log) before they are saved. */
    public static PostureSteps audited(PostureFile file, Posture initial, Clock clock, AuditTrail trail) {
        return new PostureSteps(file, initial, clock, events -> record(trail, events));
    }

    /**
     * The saved posture with what fell due (a lapse, a reversion) applied in memory only: a read
     * takes no lock and writes nothing, so every browser may ask as often as it likes. The node's
     * own watch ({@link #applyDue}) saves and audits those steps.
     *
     * @throws PostureFileRejected when the file was changed outside the audited steps
     */
    @Override
    public PostureControl status() throws IOException {
        PostureControl control = file.read(initial, clock);
        control.tick();
        return control;
    }

    /** Applies, records and saves what fell due (a lapse, a reversion), under the lock. */
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
        return file.update(initial, clock, step, audit).control();
    }

    /** Audit records of posture steps; a step nobody took (a lapse, a reversion) is the node's. */
    public static void record(AuditTrail trail, Iterable<PostureEvent> events) {
        for (PostureEvent e : events) {
            trail.append("posture-" + e.kind().name().toLowerCase(Locale.ROOT), e.by().isEmpty() ? "node" : e.by(),
                    e.posture() + " (version " + e.version() + ")");
        }
    }
}
