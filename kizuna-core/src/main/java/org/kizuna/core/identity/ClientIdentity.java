package org.kizuna.core.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a connection is, as proven at connect time: the certificate's common name and SHA-256
 * fingerprint for TLS clients, or {@link #anonymous(String)} for plain TCP.
 */
public record ClientIdentity(String name, String certificateFingerprint, boolean authenticated) {

    private static final String WEB_PREFIX = "web:";
    private static final String PARTNER_PREFIX = "partner:";

    public ClientIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificateFingerprint, "certificateFingerprint");
    }

    public static ClientIdentity certificate(String commonName, String sha256Hex) {
        return new ClientIdentity(commonName, sha256Hex, true);
    }

    /**
     * A signed-in web account: named {@code web:NAME}, with no certificate. Never equal to a
     * certificate identity, even one whose common name is {@code web:NAME} (that one has a fingerprint).
     */
    public static ClientIdentity webAccount(String account) {
        return new ClientIdentity(WEB_PREFIX + account, "", true);
    }

    /** The account name when this is a web account. */
    public Optional<String> webAccount() {
        return authenticated && certificateFingerprint.isEmpty() && name.startsWith(WEB_PREFIX)
                ? Optional.of(name.substring(WEB_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * A federation partner node, as its pinned certificate proved it: named {@code partner:NODE}.
     * Partners publish only under their own uid prefix ({@code NODE:uid}).
     */
    public static ClientIdentity partner(String nodeId) {
        return new ClientIdentity(PARTNER_PREFIX + nodeId, "", true);
    }

    /**
     * The publisher of a stored event, by the name history recorded (who sent it then, as proven
     * then); used to decide what a reader may learn about it, never to grant anything.
     */
    public static ClientIdentity recorded(String name) {
        return new ClientIdentity(name, "", true);
    }

    /** A plain-TCP client known only by its remote address. */
    public static ClientIdentity anonymous(String remoteAddress) {
        return new ClientIdentity("anonymous@" + remoteAddress, "", false);
    }
}
