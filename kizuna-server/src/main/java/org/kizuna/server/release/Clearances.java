package org.kizuna.server.release;

import java.util.Map;
import java.util.Objects;
import org.kizuna.policy.access.Clearance;
import org.kizuna.server.session.ClientIdentity;

/**
 * Every client's clearance, from its identity: certificate clients by common name, then a
 * default for certificate clients not listed, and one clearance for every plain-TCP client.
 * The same clearance bounds what the client may read and what it may label when it writes.
 */
public record Clearances(Map<String, Clearance> byClient, Clearance certificateDefault, Clearance anonymous) {

    public Clearances {
        byClient = Map.copyOf(byClient);
        Objects.requireNonNull(certificateDefault, "certificateDefault");
        Objects.requireNonNull(anonymous, "anonymous");
    }

    public Clearance clearanceFor(ClientIdentity identity) {
        if (!identity.authenticated()) {
            return anonymous;
        }
        return byClient.getOrDefault(identity.name(), certificateDefault);
    }
}
