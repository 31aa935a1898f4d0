package org.kizuna.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a node's CA issued and what it revoked: the register {@code DATA/pki/issued.tsv} and the
 * CRL {@code DATA/pki/crl.pem}. A running node reloads the CRL when it changes and refuses, and
 * disconnects, the certificates it lists.
 *
 * <pre>{@code
 * NodeRevocations revocations = NodeRevocations.of(NodePki.in(data));
 * RevokedCertificate done = revocations.revoke(serial, RevocationReason.KEY_COMPROMISE, Instant.now(),
 *         (issued, revocation) -> audit.append("certificate-revoked", admin, ...));
 * }</pre>
 */
public final class NodeRevocations {

    /** A file lock is held per process: revocations in one JVM also take turns here. */
    private static final Object IN_PROCESS = new Object();

    private final NodePki pki;

    private NodeRevocations(NodePki pki) {
        this.pki = pki;
    }

    public static NodeRevocations of(NodePki pki) {
        return new NodeRevocations(pki);
    }

    /**
     * Called with the certificate about to be revoked and its CRL entry, before the new CRL is
     * written. It records the revocation (the audit log); if it throws, nothing is revoked.
     */
    @FunctionalInterface
    public interface BeforeRevocation {
        void accept(IssuedCertificates.Entry certificate, RevokedCertificate revocation);
    }

    /**
     * Every certificate the CA issued, in issue order: the register, then certificates of this CA
     * found in {@code server.pem} and {@code clients/*.pem} that it lacks (issued before the
     * register existed).
     */
    public List<IssuedCertificates.Entry> issued() throws IOException {
        List<IssuedCertificates.Entry> all = new ArrayList<>(IssuedCertificates.read(pki.issuedFile()));
        Set<BigInteger> known = new HashSet<>();
        all.forEach(e -> known.add(e.serial()));
        for (IssuedCertificates.Entry e : onDisk()) {
            if (known.add(e.serial())) {
                all.add(e);
            }
        }
        return List.copyOf(all);
    }

    /** The server certificate and the client certificates in {@code clients/}, by file name. */
    private List<IssuedCertificates.Entry> onDisk() throws IOException {
        List<IssuedCertificates.Entry> found = new ArrayList<>();
        X509Certificate ca = pki.caCertificate();
        addFirstOf(pki.serverCertificateFile(), IssuedCertificates.SERVER, ca, found);
        if (Files.isDirectory(pki.clientsDirectory())) {
            List<Path> clients = new ArrayList<>();
            try (DirectoryStream<Path> pems = Files.newDirectoryStream(pki.clientsDirectory(), "*.pem")) {
                pems.forEach(clients::add);
            }
            clients.sort(null);
            for (Path file : clients) {
                if (!file.getFileName().toString().endsWith(".key.pem")) {
                    addFirstOf(file, IssuedCertificates.CLIENT, ca, found);
                }
            }
        }
        return found;
    }

    private static void addFirstOf(Path file, String kind, X509Certificate ca, List<IssuedCertificates.Entry> found)
            throws IOException {
        List<X509Certificate> certificates = Files.exists(file) ? Pem.readCertificates(file) : List.of();
        if (!certificates.isEmpty() && certificates.get(0).getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            found.add(IssuedCertificates.Entry.of(certificates.get(0), kind));
        }
    }

    /** The CA's current revocation list, checked against the CA; empty before the first revocation. */
    public Optional<CertificateRevocationList> current() throws IOException {
        if (!Files.exists(pki.crlFile())) {
            return Optional.empty();
        }
        return Optional.of(CertificateRevocationList.read(pki.crlFile(), pki.caCertificate()));
    }

    /**
     * Revokes the certificate with {@code serial}: {@code before} records it, then a new CRL (every
     * earlier entry, this one, the next CRL number) replaces the old one atomically.
     *
     * @throws PkiException if the CA issued no such certificate, it is already revoked, or the
     *                      current CRL is not the CA's
     */
    public RevokedCertificate revoke(BigInteger serial, RevocationReason reason, Instant at, BeforeRevocation before)
            throws IOException {
        CertificateAuthority ca = pki.loadCa();
        synchronized (IN_PROCESS) {
            // The register's lock makes two revocations at once take turns, so neither entry is lost.
            try (FileChannel register = PkiFiles.openPrivate(pki.issuedFile()); FileLock lock = register.lock()) {
                IssuedCertificates.Entry issued = issued().stream().filter(e -> e.serial().equals(serial)).findFirst()
                        .orElseThrow(() -> new PkiException("the CA issued no certificate with serial "
                                + Serials.hex(serial) + " (see 'kizuna pki list')"));
                Optional<CertificateRevocationList> crl = current();
                Optional<RevokedCertificate> earlier = crl.flatMap(c -> c.find(serial));
                if (earlier.isPresent()) {
                    throw new PkiException("the certificate of '" + issued.subject() + "' (serial " + issued.serialHex()
                            + ") is already revoked, since " + earlier.get().revokedAt());
                }
                RevokedCertificate revocation = new RevokedCertificate(serial, at, reason);
                CertificateRevocationList next = crl.isPresent() ? crl.get().with(revocation, ca, at)
                        : CertificateRevocationList.sign(ca, List.of(revocation), BigInteger.ONE, at);
                before.accept(issued, revocation);
                PkiFiles.replacePrivate(pki.crlFile(), next.toPem().getBytes(StandardCharsets.US_ASCII));
                return revocation;
            }
        }
    }
}
