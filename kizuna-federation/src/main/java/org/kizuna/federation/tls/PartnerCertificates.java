package org.kizuna.federation.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.Partner;
import org.kizuna.pki.Pem;
import org.kizuna.server.tls.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federation trust store: each partner's CA, and the rule that names a peer. A certificate
 * chain is a partner's when its leaf carries the partner's configured common name and validates
 * (PKIX: signature, validity, CA constraints) against that partner's CA alone, the partner was
 * not removed while the node runs ({@link #remove}), and the node's revocation list does not
 * list the leaf (it can only when our own CA issued it). Everything else is refused with a log
 * line and {@code kizuna.federation.refused{reason}}: {@code unknown-partner},
 * {@code removed-partner} or {@code revoked}.
 *
 * <p>Separate from the streaming port's trust store: a partner's TAK clients can never connect
 * to our clients' port, and our clients' CA cannot vouch for a partner node.
 */
public final class PartnerCertificates {

    private static final Logger log = LoggerFactory.getLogger(PartnerCertificates.class);

    private final Map<String, Trusted> byNodeId = new LinkedHashMap<>();
    private final FederationMetrics metrics;
    private final Revocations revocations;
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    /** The leaf each partner last proved itself with: what a new revocation list is checked against. */
    private final Map<String, X509Certificate> lastSeen = new ConcurrentHashMap<>();

    private record Trusted(Partner partner, X509Certificate ca, X509TrustManager pkix) {
    }

    /** Why a chain is or is not a partner's: exactly one of the two is set. */
    private record Verdict(Partner partner, String refusal) {
    }

    public PartnerCertificates(List<Partner> partners, FederationMetrics metrics, Revocations revocations)
            throws IOException {
        this.metrics = metrics;
        this.revocations = revocations;
        for (Partner p : partners) {
            List<X509Certificate> cas = Pem.readCertificates(p.caFile());
            if (cas.isEmpty()) {
                throw new IOException("partner " + p.nodeId() + ": no CA certificate in " + p.caFile());
            }
            byNodeId.put(p.nodeId(), new Trusted(p, cas.get(0), pkixFor(cas.get(0))));
        }
    }

    /** Every partner CA, for the TLS certificate request. */
    public X509Certificate[] acceptedIssuers() {
        return byNodeId.values().stream().map(Trusted::ca).toArray(X509Certificate[]::new);
    }

    /**
     * The partner {@code chain} proves, or {@code null}; never throws, logs nothing. {@code expected}
     * limits the answer to one partner (when we dialed it), or is {@code null} for any partner.
     */
    public Partner identify(X509Certificate[] chain, String authType, boolean peerIsClient, Partner expected) {
        return judge(chain, authType, peerIsClient, expected).partner();
    }

    /**
     * Like {@link #identify}, but a refusal is logged and counted with its reason: what a handshake
     * and a call use.
     */
    public Partner admit(X509Certificate[] chain, String authType, boolean peerIsClient, Partner expected) {
        Verdict verdict = judge(chain, authType, peerIsClient, expected);
        if (verdict.partner() != null) {
            lastSeen.put(verdict.partner().nodeId(), chain[0]);
            return verdict.partner();
        }
        refuse(chain, expected, verdict.refusal());
        return null;
    }

    private Verdict judge(X509Certificate[] chain, String authType, boolean peerIsClient, Partner expected) {
        if (chain == null || chain.length == 0) {
            return new Verdict(null, "unknown-partner");
        }
        String name = commonName(chain[0]);
        List<Trusted> candidates = new ArrayList<>();
        if (expected != null) {
            Trusted t = byNodeId.get(expected.nodeId());
            if (t != null) {
                candidates.add(t);
            }
        } else {
            candidates.addAll(byNodeId.values());
        }
        for (Trusted t : candidates) {
            if (t.partner().certificateName().equals(name) && validates(t, chain, authType, peerIsClient)) {
                if (removed.contains(t.partner().nodeId())) {
                    return new Verdict(null, "removed-partner");
                }
                return revocations.find(chain[0]).isPresent() ? new Verdict(null, "revoked") : new Verdict(t.partner(), null);
            }
        }
        return new Verdict(null, "unknown-partner");
    }

    private static boolean validates(Trusted t, X509Certificate[] chain, String authType, boolean peerIsClient) {
        try {
            if (peerIsClient) {
                t.pkix().checkClientTrusted(chain, authType);
            } else {
                t.pkix().checkServerTrusted(chain, authType);
            }
            return true;
        } catch (CertificateException e) {
            log.debug("{} is not partner {}: {}", commonName(chain[0]), t.partner(), e.getMessage());
            return false;
        }
    }

    /** Counts and logs a refused peer; the message names what an administrator needs to fix it. */
    private void refuse(X509Certificate[] chain, Partner expected, String reason) {
        metrics.refused(reason);
        X509Certificate leaf = chain == null || chain.length == 0 ? null : chain[0];
        String who = leaf == null ? "no certificate"
                : "CN=" + commonName(leaf) + ", issuer " + leaf.getIssuerX500Principal().getName()
                  + ", serial " + leaf.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT)
                  + ", SHA-256 " + fingerprint(leaf);
        String expecting = expected == null ? "" : " (expected " + expected.nodeId() + " CN=" + expected.certificateName() + ")";
        switch (reason) {
            case "removed-partner" -> log.warn("federation peer refused, the partner was removed (kizuna federate remove)"
                    + "{}: {}", expecting, who);
            case "revoked" -> log.warn("federation peer refused, its certificate is on this node's revocation list{}: {}",
                    expecting, who);
            default -> log.warn("federation peer refused, not a configured partner{}: {}. A partner needs its CA in the "
                    + "federation trust directory and a partner entry naming this certificate.", expecting, who);
        }
    }

    /**
     * Stops trusting partner {@code nodeId} from now on: its handshakes and calls are refused.
     * Returns false when no such partner is configured.
     */
    public boolean remove(String nodeId) {
        return byNodeId.containsKey(nodeId) && removed.add(nodeId);
    }

    /** The certificate {@code nodeId} last proved itself with, or null before it connected. */
    public X509Certificate lastSeen(String nodeId) {
        return lastSeen.get(nodeId);
    }

    public Partner partner(String nodeId) {
        Trusted t = byNodeId.get(nodeId);
        return t == null ? null : t.partner();
    }

    public List<Partner> partners() {
        return byNodeId.values().stream().map(Trusted::partner).toList();
    }

    /** The subject's first CN, or the whole subject when it has none (then it matches no partner). */
    static String commonName(X509Certificate cert) {
        String subject = cert.getSubjectX500Principal().getName();
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(subject).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // fall through: an unparseable subject names nobody
        }
        return subject;
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }

    private static X509TrustManager pkixFor(X509Certificate ca) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("partner-ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IOException("no X.509 trust manager available");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a trust manager for " + ca.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }
}
