package org.kizuna.app.federate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.config.RemovedPartners;
import org.kizuna.pki.Pem;
import org.kizuna.store.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna federate remove ID}: the audit record first, then the partner goes on the removal
 * list ({@code DATA/federation/removed.tsv}, which a running node watches: it closes the link and
 * refuses the partner's certificate within 2 s), out of {@code partners.yaml}, and its CA out of
 * the federation trust store.
 *
 * <p>Partners' certificates come from their own CAs, which cannot revoke them for us; so removal
 * is by identity: the partner's node id, and with it the (CA, certificate name) pair that named it.
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Remove a federation partner: a running node closes its link within 2 s and refuses it from then on.",
            "Recorded in the audit log first; if it cannot be recorded, nothing is removed."})
final class FederateRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The node's data directory.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The node's kizuna.yaml, when it lists partners or names another federation.partnersDir.")
    Path configFile;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The partner's node id.")
    String nodeId;

    @Option(names = "--by", paramLabel = "ADMIN", description = "Who removes it, for the audit log (default: the OS user).")
    String by;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        try {
            return remove(spec.commandLine().getOut());
        } catch (IllegalArgumentException | ConfigException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("I/O error: " + e.getMessage());
        }
    }

    private int remove(PrintWriter out) throws IOException {
        JsonNode added = PartnersFile.entry(dataDir, nodeId);
        boolean configured = NodeConfigLoader.federationPartnerIds(configFile).contains(nodeId);
        if (added == null && !configured) {
            return fail("no partner '" + nodeId + "' in " + PartnersFile.file(dataDir)
                    + (configFile == null ? " (pass --config when kizuna.yaml lists it)" : " or " + configFile));
        }
        RemovedPartners.Removal earlier = RemovedPartners.read(dataDir).get(nodeId);
        if (earlier != null) {
            return fail("partner '" + nodeId + "' was already removed " + earlier.removedAt() + " by " + earlier.by());
        }
        Path trustDir = NodeConfigLoader.federationPartnersDir(configFile, dataDir);
        Path ca = trustDir.resolve(added != null && added.hasNonNull("ca") ? added.get("ca").asText() : nodeId + ".pem");
        String certificate = added != null && added.hasNonNull("certificate") ? added.get("certificate").asText() : nodeId;
        String caSha256 = fingerprint(ca);
        String actor = by == null || by.isBlank() ? System.getProperty("user.name", "admin") : by.trim();
        Instant now = clock.instant();
        try (AuditLog audit = AuditLog.openNodeLog(dataDir, NodeConfigLoader.auditKeyFile(configFile, dataDir), clock)) {
            audit.append("partner-removed", actor, "partner " + nodeId + " removed: certificate CN=" + certificate
                    + ", CA SHA-256 " + (caSha256.isEmpty() ? "unknown" : caSha256));
        } catch (IOException | RuntimeException e) {
            return fail("nothing removed: the audit record could not be written: " + e.getMessage());
        }
        // The removal list first: it is what a running node acts on.
        RemovedPartners.add(dataDir, new RemovedPartners.Removal(nodeId, now, actor, certificate, caSha256));
        PartnersFile.remove(dataDir, nodeId);
        boolean caDeleted = Files.deleteIfExists(trustDir.resolve(nodeId + ".pem"));
        out.printf("Partner %s removed%s; a running node closes its link and refuses it within 2 s.%n", nodeId,
                caDeleted ? ", its CA deleted from " + trustDir : "");
        if (configured) {
            out.printf("%s still lists %s under federation.partners: the node leaves it out while it is removed; "
                    + "delete the entry.%n", configFile, nodeId);
        }
        out.flush();
        return 0;
    }

    /** The CA's SHA-256 as 'kizuna federate add' printed it, or "" when the file is gone. */
    private static String fingerprint(Path ca) throws IOException {
        if (!Files.isRegularFile(ca)) {
            return "";
        }
        List<X509Certificate> certificates = Pem.readCertificates(ca);
        return certificates.isEmpty() ? "" : FederateAddCommand.fingerprint(certificates.get(0));
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("kizuna federate remove: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
