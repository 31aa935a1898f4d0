package org.kizuna.app.pki;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kizuna.pki.CertificateRevocationList;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.NodeRevocations;
import org.kizuna.pki.RevokedCertificate;
import picocli.CommandLine.Command;

/** {@code kizuna pki list}: every certificate the node's CA issued, and whether it is still good. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the certificates this node's CA issued and their state: valid, expired, not yet valid, "
            + "or revoked (with the date and reason)."})
final class PkiListCommand extends PkiSubcommand {

    Clock clock = Clock.systemUTC();

    @Override
    void run(NodePki pki, PrintWriter out) throws IOException {
        NodeRevocations revocations = NodeRevocations.of(pki);
        List<IssuedCertificates.Entry> issued = revocations.issued();
        Optional<CertificateRevocationList> crl = revocations.current();
        Instant now = clock.instant();
        out.printf("%-34s %-8s %-24s %-21s %s%n", "SERIAL", "KIND", "NAME", "VALID UNTIL", "STATE");
        for (IssuedCertificates.Entry e : issued) {
            out.printf("%-34s %-8s %-24s %-21s %s%n", e.serialHex(), e.kind(), e.subject(), e.notAfter(),
                    state(e, crl.flatMap(c -> c.find(e.serial())), now));
        }
        out.printf("%d certificates, %d revoked%s%n", issued.size(), crl.map(c -> c.entries().size()).orElse(0),
                crl.map(c -> " (CRL number " + c.number() + ", " + pki.crlFile() + ")").orElse(""));
        out.flush();
    }

    static String state(IssuedCertificates.Entry e, Optional<RevokedCertificate> revoked, Instant now) {
        if (revoked.isPresent()) {
            return "revoked " + revoked.get().revokedAt() + " (" + revoked.get().reason().label() + ")";
        }
        if (now.isAfter(e.notAfter())) {
            return "expired";
        }
        return now.isBefore(e.notBefore()) ? "not yet valid" : "valid";
    }
}
