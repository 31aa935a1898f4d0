package org.kizuna.app.posture;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kizuna.app.audit.AuditKeyOptions;
import org.kizuna.app.config.ConfigException;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureDuration;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna posture}: request, approve, cancel and show the node's posture. A change needs a
 * request by one admin and an approval by another (names compared normalised); every step goes
 * into the audit log before it is saved, and is refused when it cannot. A running node picks the
 * change up within a second. A posture file changed by hand is refused (exit 2).
 */
@Command(name = "posture", mixinStandardHelpOptions = true,
        description = {"Change the node's posture with two-person approval, or show it.",
            "  kizuna posture request CONTINGENCY --by ADMIN [--for 6h] --data DIR",
            "  kizuna posture approve --by OTHER-ADMIN --data DIR",
            "  kizuna posture cancel --by ADMIN --data DIR",
            "  kizuna posture status --data DIR",
            "Exit 0 when done, 1 when refused, 2 when posture.json was changed outside these steps."})
public final class PostureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "request, approve, cancel or status")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the posture to request (PEACETIME, GRAY_ZONE, CONTINGENCY, HADR, ...)")
    String name;

    @Option(names = "--by", paramLabel = "ADMIN", description = "who requests, approves or cancels")
    String by;

    @Option(names = "--for", paramLabel = "DURATION", description = "the posture lasts this long, then the node reverts to PEACETIME (30m, 6h, 2d)")
    String lasts;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's data directory")
    Path dataDir;

    @Mixin
    AuditKeyOptions key;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            AuditKey auditKey = AuditKey.loadOrCreate(key.keyFile(dataDir));
            PostureControl control = step(new PostureSteps(new PostureFile(dataDir, auditKey), Posture.PEACETIME, clock,
                    events -> record(auditKey, events)));
            print(out, control);
            return 0;
        } catch (PostureFileRejected e) {
            fail(e.getMessage() + ". A running node stays in its last valid posture and audits the refusal. Restore "
                    + "the file, or remove it to start again from policy.posture; then request the posture again");
            return 2;
        } catch (UncheckedIOException e) {
            return fail("nothing was changed: the audit record could not be written (" + e.getMessage() + ")");
        } catch (IllegalArgumentException | IllegalStateException | ConfigException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("I/O error: " + e.getMessage());
        }
    }

    /**
     * The steps' audit records, written under the posture file's lock before it is saved. The log
     * is opened only for a step that was taken: a refused one leaves nothing behind.
     */
    private void record(AuditKey auditKey, List<PostureEvent> events) {
        try (AuditLog audit = AuditLog.open(AuditLog.file(dataDir), auditKey, clock)) {
            PostureSteps.record(audit::append, events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log: " + e.getMessage(), e);
        }
    }

    private PostureControl step(PostureSteps steps) throws IOException {
        switch (action) {
            case "request" -> {
                if (name == null) {
                    throw new IllegalArgumentException("request needs the posture NAME");
                }
                Optional<Duration> lasts = Optional.ofNullable(this.lasts).map(PostureCommand::duration);
                return steps.request(new Posture(name), lasts, admin());
            }
            case "approve" -> {
                return steps.approvePending(admin());
            }
            case "cancel" -> {
                return steps.cancel(admin());
            }
            case "status" -> {
                return steps.applyDue();
            }
            default -> throw new IllegalArgumentException("unknown action " + action + " (request, approve, cancel, status)");
        }
    }

    private String admin() {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException(action + " needs --by ADMIN");
        }
        return by;
    }

    private static Duration duration(String text) {
        try {
            return PostureDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--for: " + e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, PostureControl control) {
        PostureState s = control.current();
        out.printf("posture %s (version %d) since %s%s%s%n", s.posture(), s.version(), s.since(),
                s.expiresAt().map(e -> ", reverts to PEACETIME at " + e).orElse(""),
                s.approvedBy().isEmpty() ? "" : ", requested by " + s.requestedBy() + ", approved by " + s.approvedBy());
        control.pending().ifPresent(p -> out.printf("waiting for approval: %s requested by %s at %s%s (lapses at %s)%n",
                p.posture(), p.requestedBy(), p.requestedAt(), p.lasts().map(d -> " for " + d).orElse(""), p.lapsesAt()));
        out.flush();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kizuna posture: " + message);
        err.flush();
        return 1;
    }
}
