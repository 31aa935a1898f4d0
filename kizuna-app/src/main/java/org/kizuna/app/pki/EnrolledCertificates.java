package org.kizuna.app.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.release.Clearances;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;

/**
 * Which certificates were enrolled, and for which account: by SHA-256 fingerprint, read from the
 * register {@code DATA/pki/issued.tsv} (kind {@code enrolled}) when the node starts and added to
 * as the node signs. The release side asks it for a certificate's account clearance.
 */
public final class EnrolledCertificates implements Clearances.EnrolledCertificates {

    private final Map<String, String> accountByFingerprint = new ConcurrentHashMap<>();

    private EnrolledCertificates() {
    }

    /** The enrolled certificates of the node whose data directory is {@code dataDir}. */
    public static EnrolledCertificates read(Path dataDir) {
        EnrolledCertificates register = new EnrolledCertificates();
        try {
            for (IssuedCertificates.Entry e : IssuedCertificates.read(NodePki.in(dataDir).issuedFile())) {
                if (IssuedCertificates.ENROLLED.equals(e.kind())) {
                    register.accountByFingerprint.put(e.sha256(), e.subject());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the issued-certificates register: " + e.getMessage(), e);
        }
        return register;
    }

    /** Notes a certificate just signed for {@code account}. */
    void add(String sha256, String account) {
        accountByFingerprint.put(sha256, account);
    }

    @Override
    public Optional<String> account(ClientIdentity certificate) {
        if (!certificate.authenticated() || certificate.certificateFingerprint().isEmpty()) {
            return Optional.empty();
        }
        String account = accountByFingerprint.get(certificate.certificateFingerprint());
        // the certificate's CN is the account's name; a mismatch is not this register's certificate
        return account != null && account.equals(certificate.name()) ? Optional.of(account) : Optional.empty();
    }
}
