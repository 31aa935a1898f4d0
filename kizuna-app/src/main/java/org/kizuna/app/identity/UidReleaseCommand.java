package org.kizuna.app.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kizuna.app.audit.AuditKeyOptions;
import org.kizuna.app.config.ConfigException;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.identity.BindingRecord;
import org.kizuna.store.identity.UidBindingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna uid release UID}: frees a uid, so that the next identity to publish it owns it
 * (a unit whose owner's certificate was re-issued under another name, a uid taken by mistake).
 * Audits the step, then appends it to the journal the running node reads every second.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Free a uid: the next identity to publish it owns it. A running node follows within a second.",
            "If its owner is still publishing it, it owns it again at its next event."})
public final class UidReleaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UID", description = "the uid to free")
    String uid;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's data directory")
    Path dataDir;

    @Option(names = "--by", paramLabel = "NAME", description = "who releases it, for the audit log (default: the OS user)")
    String by;

    @Mixin
    AuditKeyOptions key;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        String actor = by == null || by.isBlank() ? System.getProperty("user.name", "admin") : by;
        Optional<BindingRecord.Released> released;
        try {
            released = release(actor);
        } catch (IOException | ConfigException e) {
            return fail("I/O error: " + e.getMessage());
        } catch (UncheckedIOException e) {
            return fail("nothing was released: the audit record could not be written (" + e.getMessage() + ")");
        }
        if (released.isEmpty()) {
            return fail("uid '" + UidListCommand.printable(uid) + "' is not bound on this node");
        }
        String what = "'" + UidListCommand.printable(uid) + "' from " + UidListCommand.printable(released.get().owner());
        spec.commandLine().getOut().println("released " + what + "; a running node frees it within a second");
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Audited before it is written, under the journal's lock: the audit log never misses a release
     * that happened, and when the record cannot be written the uid stays bound.
     */
    private Optional<BindingRecord.Released> release(String actor) throws IOException {
        Optional<UidBindingLog> opened = UidBindingLog.openExisting(dataDir);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Path keyFile = key.keyFile(dataDir);
        try (UidBindingLog log = opened.get()) {
            return log.release(uid, actor, clock.instant(), r -> audit(keyFile, r));
        }
    }

    private void audit(Path keyFile, BindingRecord.Released r) {
        try (AuditLog audit = AuditLog.openNodeLog(dataDir, keyFile, clock)) {
            audit.append("uid-released", r.by(), "uid '" + r.uid() + "' released from " + r.owner());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log: " + e.getMessage(), e);
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("kizuna uid release: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
