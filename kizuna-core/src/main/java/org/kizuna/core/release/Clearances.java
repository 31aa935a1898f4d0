package org.kizuna.core.release;

import java.util.Map;
import java.util.Objects;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.policy.access.Clearance;

/**
 * Every client's clearance, from its identity: certificate clients by common name, web accounts
 * by account name (a separate namespace: a certificate can never borrow an account's clearance),
 * then one default for certificate clients and web accounts not listed, and one clearance for
 * every plain-TCP client. The same clearance bounds what the client may read and what it may
 * label when it writes.
 */
public record Clearances(Map<String, Clearance> byClient, Map<String, Clearance> byWebAccount,
                         Clearance certificateDefault, Clearance anonymous) {

    public Clearances {
        byClient = Map.copyOf(byClient);
        byWebAccount = Map.copyOf(byWebAccount);
        Objects.requireNonNull(certificateDefault, "certificateDefault");
        Objects.requireNonNull(anonymous, "anonymous");
    }

    /** Without web accounts of their own clearance. */
    public Clearances(Map<String, Clearance> byClient, Clearance certificateDefault, Clearance anonymous) {
        this(byClient, Map.of(), certificateDefault, anonymous);
    }

    public Clearance clearanceFor(ClientIdentity identity) {
        if (!identity.authenticated()) {
            return anonymous;
        }
        var account = identity.webAccount();
        if (account.isPresent()) {
            return byWebAccount.getOrDefault(account.get(), certificateDefault);
        }
        return byClient.getOrDefault(identity.name(), certificateDefault);
    }
}
