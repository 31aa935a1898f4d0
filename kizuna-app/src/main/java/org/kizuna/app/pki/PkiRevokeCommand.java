package org.kizuna.app.pki;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.kizuna.app.audit.AuditKeyOptions;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.NodeRevocations;
import org.kizuna.pki.PkiException;
import org.kizuna.pki.RevocationReason;
import org.kizuna.pki.RevokedCertificate;
import org.kizuna.pki.Serials;
import org.kizuna.store.audit.AuditLog;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kizuna pki revoke NAME} (or {@code --serial HEX}): the audit record first, then a new
 * CRL in {@code DATA/pki/crl.pem}. A running node reloads it within a second, refuses the
 * certificate at every listener and closes its connections.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke a certificate this node's CA issued: a lost device, a user who left.",
            "Writes DIR/pki/crl.pem; a running node refuses the certificate and closes its connections within 2 s.",
            "The revocation is recorded in the audit log first; if it cannot be recorded, nothing is revoked."})
final class PkiRevokeCommand extends PkiSubcommand {

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(index = "0", paramLabel = "NAME", description = "The certificate's name (a user, or the node).")
        String name;

        @Option(names = "--serial", paramLabel = "HEX", description = "The certificate's serial (see 'kizuna pki list').")
        String serial;
    }

    @Option(names = "--reason", paramLabel = "R", defaultValue = "unspecified",
            description = "Why: unspecified, key-compromise (lost or stolen device), affiliation-changed, superseded, "
                    + "cessation-of-operation (default: ${DEFAULT-VALUE}).")
    String reason;

    @Option(names = "--by", paramLabel = "ADMIN", description = "Who revokes, for the audit log (default: the OS user).")
    String by;

    @Mixin
    AuditKeyOptions auditKey;

    Clock clock = Clock.systemUTC();

    @Override
    void run(NodePki pki, PrintWriter out) throws IOException {
        RevocationReason why = RevocationReason.of(reason);
        NodeRevocations revocations = NodeRevocations.of(pki);
        BigInteger serial = which.serial != null ? Serials.parse(which.serial) : serialOf(which.name, revocations, clock.instant());
        String actor = by == null || by.isBlank() ? System.getProperty("user.name", "admin") : by.trim();
        RevokedCertificate done;
        AuditLog opened;
        try {
            opened = AuditLog.openNodeLog(dataDir, auditKey.keyFile(dataDir), clock);
        } catch (IOException | RuntimeException e) {
            throw new PkiException("nothing revoked: the audit log cannot be opened: " + e.getMessage(), e);
        }
        try (AuditLog audit = opened) {
            done = revocations.revoke(serial, why, clock.instant(), (issued, revocation) -> record(audit, actor,
                    issued.kind() + " certificate '" + issued.subject() + "' serial " + issued.serialHex() + " revoked: "
                            + revocation.reason().label()));
        }
        IssuedCertificates.Entry entry = revocations.issued().stream().filter(e -> e.serial().equals(serial)).findFirst()
                .orElseThrow();
        out.printf("Revoked the %s certificate '%s' (serial %s, %s) in %s%n", entry.kind(), entry.subject(),
                done.serialHex(), done.reason().label(), pki.crlFile());
        out.printf("A running node refuses it and closes its connections within 2 s.%n");
        if (IssuedCertificates.SERVER.equals(entry.kind())) {
            out.printf("Note: this is the node's own certificate. Partners and clients that read this CRL stop trusting "
                    + "it; issue a new server certificate before restarting the node.%n");
        }
        out.flush();
    }

    /** Appends the audit record; any failure becomes "nothing revoked" (it happens before the CRL is written). */
    private static void record(AuditLog audit, String actor, String detail) {
        try {
            audit.append("certificate-revoked", actor, detail);
        } catch (RuntimeException e) {
            // whatever the log's trouble (I/O, a damaged last record), no record means no revocation
            throw new PkiException("nothing revoked: the audit record could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * The one certificate named {@code name} that is neither revoked nor expired. Several (a user
     * issued again without revoking the old one) need {@code --serial}.
     */
    private static BigInteger serialOf(String name, NodeRevocations revocations, Instant now) throws IOException {
        List<IssuedCertificates.Entry> named = revocations.issued().stream().filter(e -> e.subject().equals(name)).toList();
        if (named.isEmpty()) {
            throw new PkiException("the CA issued no certificate named '" + name + "' (see 'kizuna pki list')");
        }
        var crl = revocations.current();
        List<IssuedCertificates.Entry> live = named.stream()
                .filter(e -> crl.flatMap(c -> c.find(e.serial())).isEmpty())
                .filter(e -> e.notAfter().isAfter(now))
                .toList();
        if (live.isEmpty()) {
            throw new PkiException("'" + name + "' has no certificate left to revoke: each one is revoked or expired "
                    + "(see 'kizuna pki list')");
        }
        if (live.size() > 1) {
            StringBuilder serials = new StringBuilder();
            live.forEach(e -> serials.append(serials.length() == 0 ? "" : ", ").append(e.serialHex()));
            throw new PkiException("'" + name + "' has " + live.size() + " valid certificates (serials " + serials
                    + "); name the one to revoke with --serial");
        }
        return live.get(0).serial();
    }
}
