package org.kizuna.app.posture;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureEvent;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.store.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna posture}: request, approve, cancel and show the node's posture. A change needs a
 * request by one admin and an approval by another; every step goes into the audit log. A running
 * node picks the change up within a second.
 */
@Command(name = "posture", mixinStandardHelpOptions = true,
        description = {"Change the node's posture with two-person approval, or show it.",
            "  kizuna posture request CONTINGENCY --by ADMIN [--for 6h] --data DIR",
            "  kizuna posture approve --by OTHER-ADMIN --data DIR",
            "  kizuna posture cancel --by ADMIN --data DIR",
            "  kizuna posture status --data DIR"})
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

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            PostureFile file = new PostureFile(dataDir);
            Function<PostureControl, Object> step = step();
            PostureFile.Update<Object> update = file.update(Posture.PEACETIME, clock, step);
            try (AuditLog audit = AuditLog.open(AuditLog.file(dataDir), clock)) {
                for (PostureEvent e : update.events()) {
                    audit.append("posture-" + e.kind().name().toLowerCase(java.util.Locale.ROOT),
                            e.by().isEmpty() ? "node" : e.by(), e.posture() + " (version " + e.version() + ")");
                }
            }
            print(out, update.control());
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("I/O error: " + e.getMessage());
        }
    }

    private Function<PostureControl, Object> step() {
        switch (action) {
            case "request" -> {
                if (name == null) {
                    throw new IllegalArgumentException("request needs the posture NAME");
                }
                Posture p = new Posture(name);
                Optional<Duration> d = Optional.ofNullable(lasts).map(PostureCommand::duration);
                String admin = admin();
                return c -> c.request(p, admin, d);
            }
            case "approve" -> {
                String admin = admin();
                return c -> c.approve(admin);
            }
            case "cancel" -> {
                String admin = admin();
                return c -> c.cancel(admin);
            }
            case "status" -> {
                return c -> null;
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

    static Duration duration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(m|h|d)").matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--for: expected a duration like 30m, 6h or 2d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
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
