package org.kizuna.server.session;

import java.util.Objects;

/**
 * Who a connection is, as proven at connect time: the certificate's common name and SHA-256
 * fingerprint for TLS clients, or {@link #anonymous(String)} for plain TCP.
 */
public record ClientIdentity(String name, String certificateFingerprint, boolean authenticated) {

    public ClientIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
    }

    public static ClientIdentity certificate(String commonName, String sha256Hex) {
        return new ClientIdentity(commonName, sha256Hex, true);
    }

    /** A plain-TCP client known only by its remote address. */
    public static ClientIdentity anonymous(String remoteAddress) {
        return new ClientIdentity("anonymous@" + remoteAddress, "", false);
    }
}
