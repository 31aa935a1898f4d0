package org.kizuna.pki;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Builds and reads the subject names we issue. Names are built with an RDN builder rather than
 * parsed from a "CN=..." string so that a common name containing ',' or '=' cannot smuggle in
 * further attributes.
 */
final class DistinguishedNames {

    private DistinguishedNames() {
    }

    /** A subject holding only a common name: TAK servers and ours identify a client by its CN. */
    static X500Name of(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("common name must not be blank");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /** The first CN of the certificate's subject, unescaped, or the whole subject if it has none. */
    static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cns = subject.getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return subject.toString();
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        return value instanceof ASN1String s ? s.getString() : value.toString();
    }
}
