package org.kizuna.server.stream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.kizuna.core.identity.ClientIdentity;

/** Reads a client's identity from its (already verified) certificate. */
public final class ClientCertificates {

    private ClientCertificates() {
    }

    /** The identity of {@code cert}: its subject CN and SHA-256 fingerprint; null without a CN. */
    public static ClientIdentity identity(X509Certificate cert) {
        String cn = commonName(cert);
        return cn == null ? null : ClientIdentity.certificate(cn, fingerprint(cert));
    }

    static String commonName(X509Certificate cert) {
        try {
            LdapName name = new LdapName(cert.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }
}
