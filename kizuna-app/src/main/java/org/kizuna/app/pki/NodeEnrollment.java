package org.kizuna.app.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;
import org.kizuna.server.http.enroll.EnrollmentApi;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of enrollment: the node CA signs, {@code DATA/pki/issued.tsv} registers (so
 * {@code pki list} and {@code pki revoke} know the certificate), the account's groups become the
 * certificate's, and the audit log records {@code certificate-enrolled}.
 *
 * <p>Groups: an enrolled certificate is named after its account, and its groups are the
 * account's at enrollment, written to {@code DATA/clients.yaml} (as {@code pki client --group}
 * does, so they survive a restart and an admin sees and edits them in one place) and put in
 * force at once through {@link #groups}, which the running server's group directory consults
 * first. Enrolling again after the account's groups changed updates both. Clearance: the
 * certificate's fingerprint goes into {@link EnrolledCertificates}, and the release side gives it
 * the account's clearance ({@code webUsers.NAME.clearance}) unless {@code clients.NAME.clearance}
 * sets one.
 */
public final class NodeEnrollment implements EnrollmentApi.Issuer {

    private static final Logger log = LoggerFactory.getLogger(NodeEnrollment.class);

    private final Path dataDir;
    private final NodePki pki;
    private final java.util.function.IntSupplier streamingPort;
    private final String organizationalUnit;
    private final AuditLog audit;
    private final EnrolledCertificates register;
    private final Map<String, GroupMembership> enrolled = new ConcurrentHashMap<>();

    /**
     * @param streamingPort      the TLS streaming port written into enrollment packages (8089)
     * @param organizationalUnit advertised in {@code tls/config}: the node id
     */
    public NodeEnrollment(Path dataDir, java.util.function.IntSupplier streamingPort, String organizationalUnit,
                          AuditLog audit, EnrolledCertificates register) {
        this.register = register;
        this.dataDir = dataDir;
        this.pki = NodePki.in(dataDir);
        this.streamingPort = streamingPort;
        this.organizationalUnit = organizationalUnit;
        this.audit = audit;
    }

    /**
     * {@code configured} with the groups of certificates enrolled since the node started in
     * front: their CN is an account's name, and what the account held at enrollment applies.
     */
    public GroupDirectory groups(GroupDirectory configured) {
        return identity -> {
            GroupMembership g = isCertificate(identity) ? enrolled.get(identity.name()) : null;
            return g != null ? g : configured.groupsFor(identity);
        };
    }

    @Override
    public EnrollmentApi.CertificateConfig config() {
        return new EnrollmentApi.CertificateConfig("Kizuna", organizationalUnit,
                (int) NodePki.CLIENT_VALIDITY.toDays());
    }

    @Override
    public synchronized EnrollmentApi.Enrolled sign(AccountRow account, PublicKey key, String clientUid, String remote)
            throws IOException {
        X509Certificate signed = pki.enroll(account.name(), key);
        List<String> groups = new ArrayList<>(new TreeSet<>(account.groups()));
        ClientGroupsFile file = ClientGroupsFile.load(dataDir);
        file.setGroups(account.name(), groups);
        file.save();
        enrolled.put(account.name(), membership(account.groups()));
        register.add(IssuedCertificates.Entry.of(signed, IssuedCertificates.ENROLLED).sha256(), account.name());
        String serial = signed.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
        try {
            audit.append("certificate-enrolled", account.name(), "certificate '" + account.name() + "' serial " + serial
                    + " signed for client uid '" + clientUid + "' from " + remote + ", groups " + groups
                    + ", valid until " + signed.getNotAfter().toInstant());
        } catch (RuntimeException e) {
            // the certificate is registered and revocable; the log line says what the audit could not
            log.error("enrolled '{}' serial {} but the audit record could not be written", account.name(), serial, e);
        }
        return new EnrollmentApi.Enrolled(signed, List.of(pki.caCertificate()));
    }

    @Override
    public byte[] enrollmentPackage(String account) throws IOException {
        return pki.enrollmentPackage(account, null, streamingPort.getAsInt());
    }

    private static GroupMembership membership(Set<String> names) {
        Set<Group> groups = new java.util.LinkedHashSet<>();
        names.forEach(n -> groups.add(new Group(n)));
        return GroupMembership.both(groups);
    }

    /** A client certificate's identity, never a browser login's ({@code web:NAME}). */
    private static boolean isCertificate(ClientIdentity identity) {
        return identity.authenticated() && identity.webAccount().isEmpty();
    }
}
