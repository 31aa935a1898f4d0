package org.kizuna.server.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.CallerResolver;
import org.kizuna.server.http.Dispatcher;
import org.kizuna.server.http.HttpSettings;
import org.kizuna.server.http.PostureView;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Role;
import org.kizuna.server.http.Routes;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.account.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, logout and "who am I", and the resolution of every request's caller: the session cookie
 * of a browser, else the client certificate of a TAK client (its groups from the node's group
 * directory, read-only).
 *
 * <p>A failed login says only "invalid name or password", takes as long for an unknown name as
 * for a wrong password (a dummy hash is checked), and slows down further attempts for the name
 * and the client address ({@link LoginThrottle}): a too-early attempt gets 429 with
 * {@code Retry-After}, whether or not its password is right. The session cookie lives exactly as
 * long as the session may ({@code http.sessionMaxLifetime}).
 */
public final class AuthApi implements CallerResolver {

    public static final String COOKIE = "kizuna_session";

    private static final Logger log = LoggerFactory.getLogger(AuthApi.class);
    private static final int MAX_NAME = 64;
    private static final int MAX_PASSWORD = 1024;
    private static final String BASIC_CHALLENGE = "Basic realm=\"kizuna\", charset=\"UTF-8\"";

    private final AccountStore accounts;
    private final WebSessions sessions;
    private final GroupDirectory certificateGroups;
    private final LoginThrottle throttle;
    private final String nodeId;
    private final String classification;
    private final String dummyHash;
    private final ReleaseDecision release;
    private final Clock clock;

    /** {@code accounts} may be null (a node without a store): then nobody can log in. */
    public AuthApi(AccountStore accounts, WebSessions sessions, GroupDirectory certificateGroups, HttpSettings settings,
                   String nodeId, Clock clock) {
        this(accounts, sessions, certificateGroups, settings, nodeId, clock, ReleaseDecision.PERMIT_ALL);
    }

    /** {@code release}: where {@code /api/me} reads whether labels are on and the posture. */
    public AuthApi(AccountStore accounts, WebSessions sessions, GroupDirectory certificateGroups, HttpSettings settings,
                   String nodeId, Clock clock, ReleaseDecision release) {
        this.release = release;
        this.accounts = accounts;
        this.sessions = sessions;
        this.certificateGroups = certificateGroups;
        this.throttle = new LoginThrottle(settings.login(), clock);
        this.clock = clock;
        this.nodeId = nodeId;
        this.classification = settings.classification();
        this.dummyHash = new PasswordHash(PasswordHash.Cost.DEFAULT).hash("not-a-password".toCharArray());
        if (accounts == null) {
            log.warn("no account store (store.enabled is false): nobody can log in to the web API");
        }
    }

    public void register(Routes routes) {
        routes.post("/api/login", Routes.Access.PUBLIC, (req, caller) -> login(req));
        routes.post("/api/logout", Routes.Access.USER, (req, caller) -> logout(req));
        routes.get("/api/me", Routes.Access.USER, (req, caller) -> Response.json(me(caller)));
    }

    /** The uid a browser user speaks as in CoT: stable per node and account. */
    public static String webUid(String nodeId, String account) {
        return "kizuna-web." + nodeId + "." + account;
    }

    @Override
    public Optional<Caller> resolve(Request request) {
        Optional<String> token = request.cookie(COOKIE);
        if (token.isPresent()) {
            Optional<WebSessions.Login> login = sessions.find(token.get());
            if (login.isPresent()) {
                return Optional.of(caller(login.get()));
            }
        }
        ClientIdentity cert = request.certificate();
        if (cert != null) {
            GroupMembership groups = certificateGroups.groupsFor(cert);
            return Optional.of(new Caller(cert.name(), Role.VIEWER, groups, cert.name(), cert.name(), cert, null));
        }
        return Optional.empty();
    }

    private Caller caller(WebSessions.Login login) {
        Set<Group> groups = new java.util.LinkedHashSet<>();
        login.groups().forEach(g -> groups.add(new Group(g)));
        return new Caller(login.account(), login.role(), GroupMembership.both(groups), webUid(nodeId, login.account()),
                login.account(), webIdentity(login.account()), login.csrf());
    }

    /** Browser sessions in the router are named {@code web:NAME}, never a certificate CN. */
    public static ClientIdentity webIdentity(String account) {
        return ClientIdentity.webAccount(account);
    }

    private Response login(Request req) {
        JsonNode body = req.jsonBody();
        String name = Request.field(body, "name", MAX_NAME);
        String password = Request.field(body, "password", MAX_PASSWORD);
        AccountRow a = verify(name, password, req.remoteAddress(), (n, p) -> false, Map.of());
        WebSessions.Login login = sessions.open(a.name(), Role.parse(a.role()), a.groups(), a.passwordHash());
        log.info("login of '{}' ({}) from {}", a.name(), a.role(), req.remoteAddress());
        Duration lifetime = Duration.between(clock.instant(), login.expires());
        return Response.json(me(caller(login)))
                .withHeader("Set-Cookie", cookie(login.token(), req.secure(), lifetime.toSeconds()));
    }

    /**
     * The account of an HTTP Basic name and password (the enrollment port), under the same login
     * delays as {@code /api/login}: the failures of both count together, per name and per address.
     * {@code oneTime} is tried before the account's password: an enrollment token for that name,
     * used up when it matches. Throws 429 when an attempt comes too early, 401 with a Basic
     * challenge when the name or password is wrong. Blocks (database, Argon2): workers only.
     */
    public AccountRow authenticateBasic(String name, String password, String remote, OneTimePasswords oneTime) {
        if (name.isEmpty() || name.length() > MAX_NAME || password.length() > MAX_PASSWORD) {
            throw new Problem(HttpResponseStatus.UNAUTHORIZED, "login-failed", "Unauthorized",
                    "invalid name or password", null, Map.of("WWW-Authenticate", BASIC_CHALLENGE));
        }
        return verify(name, password, remote, oneTime, Map.of("WWW-Authenticate", BASIC_CHALLENGE));
    }

    /** Passwords good for one login each, besides the account's own (enrollment tokens). */
    @FunctionalInterface
    public interface OneTimePasswords {
        /** True, once, when {@code password} is a live one-time password of {@code name}. */
        boolean consume(String name, String password);
    }

    private AccountRow verify(String name, String password, String remote, OneTimePasswords oneTime,
                              Map<String, String> challenge) {
        Optional<LoginThrottle.Wait> wait = throttle.attempt(name, remote);
        if (wait.isPresent()) {
            long seconds = wait.get().seconds();
            throw new Problem(HttpResponseStatus.TOO_MANY_REQUESTS, "login-throttled", "Too many attempts",
                    "too many failed logins for " + wait.get().scope() + "; try again in " + seconds + " s", null,
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        Optional<AccountRow> account = accounts == null ? Optional.empty() : accounts.find(name);
        boolean ok = account.isPresent() && oneTime.consume(name, password);
        if (!ok) {
            ok = PasswordHash.verify(password.toCharArray(), account.map(AccountRow::passwordHash).orElse(dummyHash))
                    && account.isPresent();
        }
        if (!ok) {
            throttle.failed(name, remote);
            log.info("failed login for '{}' from {}", name, remote);
            throw new Problem(HttpResponseStatus.UNAUTHORIZED, "login-failed", "Unauthorized",
                    "invalid name or password", null, challenge);
        }
        throttle.succeeded(name, remote);
        return account.get();
    }

    /**
     * Signs out every login whose account was removed, or whose password, role or groups changed
     * since it signed in ({@code kizuna user remove|passwd} write the shared database; the node
     * notices here). Returns the logins ended (their live feeds close through
     * {@link WebSessions#onEnded}). Blocks on the database: never call on an event loop.
     */
    public List<WebSessions.Login> sweep() {
        if (accounts == null) {
            return List.of();
        }
        Map<String, Optional<AccountRow>> now = new HashMap<>();
        List<WebSessions.Login> ended = sessions.revokeIf(login -> {
            Optional<AccountRow> row = now.computeIfAbsent(login.account(), accounts::find);
            return row.isEmpty()
                    || (login.passwordHash() != null && !login.passwordHash().equals(row.get().passwordHash()))
                    || Role.parse(row.get().role()) != login.role()
                    || !row.get().groups().equals(login.groups());
        });
        ended.forEach(l -> log.info("signed out '{}': the account was removed or changed", l.account()));
        return ended;
    }

    private Response logout(Request req) {
        req.cookie(COOKIE).ifPresent(sessions::close); // its live feeds close with it (WebSessions.onEnded)
        return Response.noContent().withHeader("Set-Cookie", cookie("", req.secure(), 0));
    }

    private Map<String, Object> me(Caller caller) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", caller.name());
        me.put("role", caller.role().wireName());
        me.put("groups", new TreeSet<>(caller.groups().out().stream().map(Group::name).toList()));
        me.put("uid", caller.uid());
        me.put("callsign", caller.callsign());
        me.put("csrfToken", caller.csrf());
        me.put("csrfHeader", Dispatcher.CSRF_HEADER);
        me.put("nodeId", nodeId);
        me.put("classification", classification);
        var posture = release.posture();
        me.put("labels", posture.isPresent());
        me.put("posture", posture.map(PostureView::of).orElse(null));
        return me;
    }

    /**
     * HttpOnly and SameSite=Strict always, Secure under TLS; it expires when the session's lifetime
     * does, so the browser drops it when the server would refuse it; {@code maxAge} 0 clears it.
     */
    private static String cookie(String value, boolean secure, long maxAge) {
        DefaultCookie c = new DefaultCookie(COOKIE, value);
        c.setHttpOnly(true);
        c.setSecure(secure);
        c.setPath("/");
        c.setSameSite(SameSite.Strict);
        c.setMaxAge(Math.max(0, maxAge));
        return ServerCookieEncoder.STRICT.encode(c);
    }
}
