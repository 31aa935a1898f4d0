package org.kizuna.app.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.store.audit.AuditAnchor;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna audit verify|anchor --data DIR}: checks the whole keyed chain offline and names the
 * first broken record; {@code anchor} prints {@code COUNT:HASH} to keep off the host, which a later
 * {@code verify --expect} holds the log to (a truncated or rewritten log fails). Both need the
 * node's audit key.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check the node's audit log offline, or take an anchor of it to keep off the host.",
            "  kizuna audit verify --data DIR [--expect COUNT:HASH] [--key FILE | --config FILE]",
            "  kizuna audit anchor --data DIR [--key FILE | --config FILE]",
            "Exit 0 when intact, 2 naming the first broken record, 1 for a usage error or a missing key."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "verify or anchor")
    String action;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's data directory")
    Path dataDir;

    @Option(names = "--expect", paramLabel = "COUNT:HASH", description = "an anchor taken earlier: the log must still hold it")
    String expect;

    @Mixin
    AuditKeyOptions key;

    @Override
    public Integer call() {
        if (!"verify".equals(action) && !"anchor".equals(action)) {
            return usage("unknown action " + action + " (verify, anchor)");
        }
        AuditAnchor anchor;
        try {
            anchor = expect == null ? null : AuditAnchor.parse(expect);
        } catch (IllegalArgumentException e) {
            return usage("--expect: " + e.getMessage());
        }
        Path file = AuditLog.file(dataDir);
        if (!Files.isRegularFile(file)) {
            return usage("no audit log at " + file);
        }
        AuditKey auditKey;
        try {
            auditKey = AuditKey.load(key.keyFile(dataDir));
        } catch (IOException | ConfigException e) {
            return usage("the audit key is needed to check the log: " + e.getMessage()
                    + " (--key FILE, or --config with audit.keyFile)");
        }
        try {
            return report(file, AuditVerifier.verify(file, auditKey, anchor), anchor);
        } catch (IOException e) {
            return usage("cannot read " + file + ": " + e.getMessage());
        }
    }

    private int report(Path file, AuditVerifier.Verification v, AuditAnchor anchor) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!v.intact()) {
            err.printf("audit log BROKEN at line %d: %s (%d records before it are intact)%n", v.brokenLine(), v.reason(),
                    v.records());
            err.flush();
            return 2;
        }
        if ("anchor".equals(action)) {
            out.println(v.anchor());
            out.printf("audit log intact: %d records in %s, head %s; keep the line above off this host and check "
                    + "later with: kizuna audit verify --expect %s%n", v.records(), file, v.head(), v.anchor());
        } else {
            out.printf("audit log intact: %d records in %s%s%n", v.records(), file,
                    anchor == null ? "" : ", holding anchor " + anchor);
        }
        v.notes().forEach(n -> out.println("note: " + n));
        out.flush();
        return 0;
    }

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kizuna audit: " + message);
        err.flush();
        return 1;
    }
}
