package org.kizuna.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** The JDK's own PKIX validation, the same check a Java TLS peer makes (without revocation). */
final class Pkix {

    private Pkix() {
    }

    static void validate(X509Certificate leaf, X509Certificate trustAnchor) throws GeneralSecurityException {
        validate(leaf, trustAnchor, Instant.now());
    }

    static void validate(X509Certificate leaf, X509Certificate trustAnchor, Instant at) throws GeneralSecurityException {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustAnchor, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}
