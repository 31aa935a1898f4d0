package org.kizuna.server.http;

import java.util.Objects;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.GroupMembership;

/**
 * Who is calling: a logged-in browser user (with a CSRF token) or a TAK client by its certificate.
 *
 * @param uid      the uid the caller speaks as in CoT (chat sender, direct-chat address)
 * @param csrf     the browser session's CSRF token; null for certificate callers, which send no cookies
 */
public record Caller(String name, Role role, GroupMembership groups, String uid, String callsign,
                     ClientIdentity identity, String csrf) {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(callsign, "callsign");
        Objects.requireNonNull(identity, "identity");
    }

    public boolean isBrowser() {
        return csrf != null;
    }
}
