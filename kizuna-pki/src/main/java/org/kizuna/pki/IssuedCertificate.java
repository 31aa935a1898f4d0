package org.kizuna.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate, its private key and the chain that proves it: {@code chain.get(0)} is the
 * certificate itself, followed by the issuing CA. This is what a TLS endpoint needs to present and
 * what goes into a PKCS#12 key store.
 *
 * @param certificate the end-entity certificate
 * @param privateKey  the key that belongs to {@code certificate}
 * @param chain       {@code certificate} first, then its issuers up to the CA
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("chain must start with the certificate itself");
        }
    }

    /** The subject common name, e.g. the client name a server maps to groups. */
    public String commonName() {
        return DistinguishedNames.commonName(certificate);
    }
}
