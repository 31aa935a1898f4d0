package org.kizuna.core.release;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
                         Clearance certificateDefault, Clearance anonymous, EnrolledCertificates enrolled) {

    /**
     * The web account a certificate was enrolled for (by its fingerprint, never its name): such a
     * certificate is the account's own, signed after its password was checked, so it holds the
     * account's clearance unless {@code byClient} names it. A certificate merely named like an
     * account still borrows nothing.
     */
    @FunctionalInterface
    public interface EnrolledCertificates {
        EnrolledCertificates NONE = identity -> Optional.empty();

        Optional<String> account(ClientIdentity certificate);
    }

    public Clearances {
        byClient = Map.copyOf(byClient);
        byWebAccount = Map.copyOf(byWebAccount);
        Objects.requireNonNull(certificateDefault, "certificateDefault");
        Objects.requireNonNull(anonymous, "anonymous");
        Objects.requireNonNull(enrolled, "enrolled");
    }

    /** Without enrolled certificates. */
    public Clearances(Map<String, Clearance> byClient, Map<String, Clearance> byWebAccount,
                      Clearance certificateDefault, Clearance anonymous) {
        this(byClient, byWebAccount, certificateDefault, anonymous, EnrolledCertificates.NONE);
    }

    /** The same, with {@code value} telling enrolled certificates. */
    public Clearances withEnrolled(EnrolledCertificates value) {
        return new Clearances(byClient, byWebAccount, certificateDefault, anonymous, value);
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
        Clearance named = byClient.get(identity.name());
        if (named != null) {
            return named;
        }
        return enrolled.account(identity).map(byWebAccount::get).orElse(certificateDefault);
    }
}
