package org.kizuna.core.identity;

import java.util.Map;

/** Where a client's groups come from: configuration now, LDAP or OAuth claims later. */
@FunctionalInterface
public interface GroupDirectory {

    GroupMembership groupsFor(ClientIdentity identity);

    /** Authenticated clients named in {@code byName} get those groups; everyone else {@code fallback}. */
    static GroupDirectory of(Map<String, GroupMembership> byName, GroupMembership fallback) {
        Map<String, GroupMembership> copy = Map.copyOf(byName);
        return identity -> identity.authenticated()
                ? copy.getOrDefault(identity.name(), fallback)
                : fallback;
    }
}
