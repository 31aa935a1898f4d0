package org.kizuna.server.http.enroll;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;
import org.kizuna.store.account.AccountStore;

/**
 * {@code POST /api/enrollment/qr} on the web API: an admin issues a one-time enrollment token for
 * an existing web account, as {@code kizuna enroll-qr} does, and gets the QuickConnect URI, its
 * expiry and the QR code as SVG to show on the page. Only the token's hash is kept; the answer is
 * never cached. Until the enrollment port is open ({@link #offer}) it answers 409.
 */
public final class EnrollmentQrApi {

    /** Longest account name accepted in the body (the account rules allow less). */
    private static final int MAX_NAME = 64;

    /** Written to the node's audit trail before the URI is shown; a failure shows nothing. */
    public interface Audit {
        void tokenIssued(String account, String by, Instant expiresAt);
    }

    /**
     * What the open enrollment port offers: its tokens, the host clients reach it by (as
     * {@code enroll-qr} advertises it), and the audit trail.
     */
    public record Offer(EnrollmentTokens tokens, String host, Audit audit) {
    }

    private final AccountStore accounts;
    private final Clock clock;
    private volatile Offer offer;

    public EnrollmentQrApi(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.post("/api/enrollment/qr", Routes.Access.ADMIN, this::issue);
    }

    /** Called once the enrollment port listens. */
    public void offer(Offer value) {
        this.offer = value;
    }

    private Response issue(Request req, Caller caller) throws IOException {
        String name = Request.field(req.jsonBody(), "username", MAX_NAME);
        Offer current = offer;
        if (current == null) {
            throw new Problem(HttpResponseStatus.CONFLICT, "enrollment-off", "Enrollment is off",
                    "the enrollment port is not open on this node (enrollment.enabled, and the web API with TLS)",
                    null);
        }
        if (accounts == null || accounts.find(name).isEmpty()) {
            throw new Problem(HttpResponseStatus.NOT_FOUND, "no-such-account", "No such account",
                    "there is no web account '" + name + "'", "username");
        }
        Instant expires = clock.instant().plus(EnrollmentTokens.DEFAULT_TTL);
        String token = current.tokens().issue(name, EnrollmentTokens.DEFAULT_TTL);
        // a token whose issue could not be audited is never shown, so nobody can use it
        current.audit().tokenIssued(name, caller.name(), expires);
        String uri = new QuickConnect(current.host(), name, token).uri();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uri", uri);
        body.put("expiresAt", expires.toString());
        body.put("svg", QrCode.encode(uri).toSvg());
        return Response.json(body).withHeader("Cache-Control", "no-store");
    }
}
