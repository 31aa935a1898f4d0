package org.kizuna.app.federate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.config.RemovedPartners;
import org.kizuna.federation.Partner;
import org.kizuna.pki.Pem;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.files.OwnerOnlyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna federate add ID --nation USA --ca usa-ca.pem [...]}: copies the partner's CA
 * certificate into the federation trust store ({@code federation.partnersDir} of the node's
 * {@code --config}, by default {@code DATA/federation/partners}, as {@code ID.pem}) and
 * records the partner in {@code DATA/federation/partners.yaml}, which the node reads at start.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a federation partner: its CA certificate (from its 'kizuna pki export-ca') and how to reach it.",
            "Compare the printed fingerprint with the partner over a second channel before starting the node."})
final class FederateAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The node's data directory.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The node's kizuna.yaml, when its federation.partnersDir is not the default.")
    Path configFile;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The partner's node id (its node.id).")
    String nodeId;

    @Option(names = "--nation", required = true, description = "The partner's nation, ISO 3166 alpha-3 (e.g. USA).")
    String nation;

    @Option(names = "--ca", required = true, paramLabel = "PEM", description = "The partner's CA certificate.")
    Path caPem;

    @Option(names = "--certificate", paramLabel = "CN",
            description = "Common name of the partner node's certificate (default: NODE_ID).")
    String certificateName;

    @Option(names = "--dial", paramLabel = "HOST:PORT", description = "Dial the partner there (default: wait for it).")
    String dial;

    @Option(names = "--accreditation", description = "What the partner may hold, by name (default: its nation).")
    String accreditation;

    @Option(names = "--in-groups", split = ",", paramLabel = "GROUP",
            description = "Local groups the partner's events are written into (default: __ANON__).")
    List<String> inboundGroups;

    @Option(names = "--out-groups", split = ",", paramLabel = "GROUP",
            description = "Local groups whose traffic goes to the partner (default: __ANON__).")
    List<String> outboundGroups;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            // The same checks the node applies when it starts (node id, nation, groups).
            Partner.open(nodeId, nation, certificateName == null ? nodeId : certificateName, caPem, null);
            List<X509Certificate> cas = Pem.readCertificates(caPem);
            if (cas.isEmpty()) {
                throw new IllegalArgumentException(caPem + " holds no certificate");
            }
            Path trusted = NodeConfigLoader.federationPartnersDir(configFile, dataDir).resolve(nodeId + ".pem");
            if (Files.exists(trusted)) {
                throw new FileAlreadyExistsException(trusted.toString());
            }
            RemovedPartners.Removal removal = RemovedPartners.read(dataDir).get(nodeId);
            if (removal != null) {
                // trusting a removed partner again is a decision of the same weight as removing it
                try (AuditLog audit = AuditLog.openNodeLog(dataDir, NodeConfigLoader.auditKeyFile(configFile, dataDir), Clock.systemUTC())) {
                    audit.append("partner-readmitted", System.getProperty("user.name", "admin"), "partner " + nodeId
                            + " added again with CA SHA-256 " + fingerprint(cas.get(0)));
                }
            }
            OwnerOnlyFiles.directory(trusted.getParent());
            OwnerOnlyFiles.createNew(trusted, Pem.encodeCertificates(List.of(cas.get(0))).getBytes(StandardCharsets.US_ASCII));
            PartnersFile.add(dataDir, nodeId, nation, certificateName, dial, accreditation, inboundGroups, outboundGroups);
            if (removal != null) {
                RemovedPartners.readmit(dataDir, nodeId);
                out.printf("Partner %s had been removed %s by %s; it is trusted again once the node restarts.%n", nodeId,
                        removal.removedAt(), removal.by());
            }
            out.printf("Partner %s (%s) added: CA '%s' in %s%n", nodeId, nation,
                    cas.get(0).getSubjectX500Principal().getName(), trusted);
            out.printf("SHA-256 fingerprint: %s (compare it with the partner before starting the node)%n",
                    fingerprint(cas.get(0)));
            out.printf("Set node.nation in kizuna.yaml if it is not set; restart the node to open the link.%n");
            out.flush();
            return 0;
        } catch (FileAlreadyExistsException e) {
            return fail("partner " + nodeId + " already has a CA in " + e.getFile() + "; remove it to replace the partner");
        } catch (IllegalArgumentException | ConfigException e) {
            return fail(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            return fail("nothing added: the audit record could not be written: " + e.getMessage());
        } catch (IOException e) {
            return fail("I/O error: " + e.getMessage());
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("kizuna federate add: " + message);
        spec.commandLine().getErr().flush();
        return 1;
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
