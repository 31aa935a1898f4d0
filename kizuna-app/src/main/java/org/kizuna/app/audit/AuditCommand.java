package org.kizuna.app.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kizuna audit verify --data DIR}: checks the whole hash chain and names the first broken record. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Check the node's audit log offline.", "  kizuna audit verify --data DIR"})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "verify")
    String action;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's data directory")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!"verify".equals(action)) {
            err.println("kizuna audit: unknown action " + action + " (verify)");
            err.flush();
            return 1;
        }
        Path file = AuditLog.file(dataDir);
        if (!Files.isRegularFile(file)) {
            err.println("kizuna audit: no audit log at " + file);
            err.flush();
            return 1;
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        if (v.intact()) {
            out.printf("audit log intact: %d records in %s%n", v.records(), file);
            out.flush();
            return 0;
        }
        err.printf("audit log BROKEN at line %d: %s (%d records before it are intact)%n", v.brokenLine(), v.reason(),
                v.records());
        err.flush();
        return 2;
    }
}
