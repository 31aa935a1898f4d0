package org.kizuna.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of a CRL: which certificate (by serial, under the CRL's issuer), since when, why.
 * The time is kept to whole seconds, the precision a CRL stores.
 */
public record RevokedCertificate(BigInteger serial, Instant revokedAt, RevocationReason reason) {

    public RevokedCertificate {
        Objects.requireNonNull(serial, "serial");
        revokedAt = Objects.requireNonNull(revokedAt, "revokedAt").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(reason, "reason");
    }

    /** The serial as administrators and OpenSSL print it: upper-case hex. */
    public String serialHex() {
        return Serials.hex(serial);
    }
}
