package org.kizuna.app.posture;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.kizuna.app.config.ConfigException;
import org.kizuna.core.federation.AuditTrail;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.policy.posture.PostureState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's posture: read from the sealed {@link PostureFile} at start and followed every
 * second ({@link #refresh}). It only ever comes from the audited steps: a file changed by hand is
 * refused at start (the node does not start: there is no last valid posture to stay in) and while
 * running (logged and audited once per distinct content; the node stays in its last valid
 * posture, though an expiry still reverts it, audited, in memory).
 */
public final class NodePosture {

    private static final Logger log = LoggerFactory.getLogger(NodePosture.class);

    private final PostureFile file;
    private final Posture initial;
    private final Clock clock;
    private final AuditTrail audit;
    private volatile PostureControl control;
    /** The last refused file's digest: each bad content is reported and audited once. */
    private String refusedDigest;

    private NodePosture(PostureFile file, Posture initial, Clock clock, AuditTrail audit, PostureControl control) {
        this.file = file;
        this.initial = initial;
        this.clock = clock;
        this.audit = audit;
        this.control = control;
    }

    /**
     * The posture the node starts in, from the sealed file (written now if new, so the admin
     * commands continue from this node's starting posture and versions only ever grow); what fell
     * due while the node was down is audited first.
     *
     * @throws ConfigException when the file was changed outside the audited steps, or cannot be read
     */
    public static NodePosture start(PostureFile file, Posture initial, Clock clock, AuditTrail audit) {
        try {
            if (file.adoptUnsealed(initial, clock, s -> audit.append("posture-file-sealed", "node", "posture.json "
                    + "without a MAC (from before sealed posture files) adopted as " + s.posture() + " (version "
                    + s.version() + "): it says no more than a fresh start"))) {
                log.info("{} had no MAC; it holds {} and nothing else, as a fresh start would: sealed", file.path(),
                        initial);
            }
            PostureControl control = file.update(initial, clock, c -> null, events -> PostureSteps.record(audit, events))
                    .control();
            return new NodePosture(file, initial, clock, audit, control);
        } catch (PostureFileRejected e) {
            audit.append("posture-file-rejected", "node", e.getMessage() + " (sha256 " + e.digest() + "); not started");
            throw new ConfigException(e.getMessage() + ". Restore the file, or remove it to start in policy.posture ("
                    + initial + ") and have two admins request the posture again", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read or write " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The posture in force: a volatile read, for the guard per decision. */
    public PostureState current() {
        return control.current();
    }

    /**
     * Picks up a change the admin commands saved, and reverts an expired posture (recorded, then
     * saved). Returns the posture that was in force before, when it changed. Never throws.
     */
    public Optional<PostureState> refresh() {
        try {
            PostureControl saved;
            try {
                saved = file.read(initial, clock);
            } catch (PostureFileRejected e) {
                refused(e);
                return expireInMemory();
            }
            PostureState now = control.current();
            boolean expired = now.expiresAt().map(t -> !clock.instant().isBefore(t)).orElse(false);
            if (expired || saved.current().version() > now.version()) {
                // reading under the lock records and saves what fell due (a reversion, a lapse)
                control = steps().applyDue();
                log.info("posture {} (version {})", control.current().posture(), control.current().version());
                return Optional.of(now);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("cannot refresh the posture from {}: {}", file.path(), e.toString());
        }
        return Optional.empty();
    }

    /** Posture steps for the web API's admins, on the same file and audit trail as {@code kizuna posture}. */
    public PostureSteps steps() {
        return PostureSteps.audited(file, initial, clock, audit);
    }

    private void refused(PostureFileRejected e) {
        if (e.digest().equals(refusedDigest)) {
            return;
        }
        PostureState s = control.current();
        log.error("{}; the node stays in {} (version {})", e.getMessage(), s.posture(), s.version());
        audit.append("posture-file-rejected", "node", e.getMessage() + " (sha256 " + e.digest() + "); staying in "
                + s.posture() + " (version " + s.version() + ")");
        refusedDigest = e.digest();
    }

    /** With the file refused, an expired posture still reverts: on a copy, recorded, then in force. */
    private Optional<PostureState> expireInMemory() {
        PostureState now = control.current();
        PostureControl next = new PostureControl(now, control.pending(), Posture.PEACETIME,
                PostureControl.DEFAULT_REQUEST_TIMEOUT, clock);
        List<PostureEvent> events = next.tick();
        if (next.current().version() == now.version()) {
            return Optional.empty();
        }
        PostureSteps.record(audit, events);
        control = next;
        log.warn("posture {} (version {}) in memory only: {} is refused", next.current().posture(),
                next.current().version(), file.path());
        return Optional.of(now);
    }
}
