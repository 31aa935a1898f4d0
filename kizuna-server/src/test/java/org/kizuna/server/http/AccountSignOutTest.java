package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.server.http.auth.AuthApi;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.server.http.auth.WebSessions;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.account.AccountRow;

/**
 * An account removed or given a new password in the database ({@code kizuna user remove|passwd})
 * is signed out of a running node: its REST session answers 401 and its live feed closes; other
 * accounts and logins made after the change stay.
 */
class AccountSignOutTest {

    @TempDir
    Path dir;

    private static String hash(String password) {
        return new PasswordHash(PasswordHash.Cost.DEFAULT).hash(password.toCharArray());
    }

    @Test
    void aRemovedAccountIsSignedOutOfRestAndTheLiveFeed() throws Exception {
        MemoryAccounts accounts = new MemoryAccounts().with("alice", "pw-alice-long", "operator", "Blue")
                .with("bob", "pw-bob-long", "viewer", "Blue");
        try (RunningWeb node = new RunningWeb(dir, Map.of(), accounts)) {
            WebClient alice = new WebClient(node.pki().trustOnlyContext(), node.base());
            WebClient bob = new WebClient(node.pki().trustOnlyContext(), node.base());
            assertThat(alice.login("alice", "pw-alice-long").statusCode()).isEqualTo(200);
            assertThat(bob.login("bob", "pw-bob-long").statusCode()).isEqualTo(200);
            try (WebClient.Live live = alice.live(node.origin())) {
                live.await(m -> m.get("op").asText().equals("hello"));
                accounts.remove("alice");
                assertThat(live.awaitClosed()).isNotEmpty();
                Await.until(() -> status(alice) == 401, "alice's session ends");
            }
            assertThat(status(bob)).isEqualTo(200);
            assertThat(alice.login("alice", "pw-alice-long").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aNewPasswordEndsTheOldSessionsButNotTheNewOnes() throws Exception {
        MemoryAccounts accounts = new MemoryAccounts().with("alice", "pw-alice-long", "operator", "Blue");
        try (RunningWeb node = new RunningWeb(dir, Map.of(), accounts)) {
            WebClient before = new WebClient(node.pki().trustOnlyContext(), node.base());
            assertThat(before.login("alice", "pw-alice-long").statusCode()).isEqualTo(200);
            AccountRow a = accounts.find("alice").orElseThrow();
            accounts.update(new AccountRow("alice", hash("pw-alice-newer"), a.role(), a.groups(), a.createdAt()));
            Await.until(() -> status(before) == 401, "the session from before the new password ends");
            WebClient after = new WebClient(node.pki().trustOnlyContext(), node.base());
            assertThat(after.login("alice", "pw-alice-long").statusCode()).isEqualTo(401);
            assertThat(after.login("alice", "pw-alice-newer").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theSweepEndsOnlyLoginsOfRemovedOrChangedAccounts() {
        MemoryAccounts accounts = new MemoryAccounts();
        accounts.add(new AccountRow("alice", hash("pw-alice-long"), "operator", Set.of("Blue"), Instant.now()));
        accounts.add(new AccountRow("bob", hash("pw-bob-long"), "viewer", Set.of("Blue"), Instant.now()));
        accounts.add(new AccountRow("carol", hash("pw-carol-long"), "viewer", Set.of("Blue"), Instant.now()));
        WebSessions sessions = new WebSessions(java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12), Clock.systemUTC());
        AuthApi auth = new AuthApi(accounts, sessions, GroupDirectory.of(Map.of(), GroupMembership.ANONYMOUS),
                HttpSettings.DEFAULTS, "node", Clock.systemUTC());
        WebSessions.Login alice = open(sessions, accounts, "alice");
        WebSessions.Login bob = open(sessions, accounts, "bob");
        WebSessions.Login carol = open(sessions, accounts, "carol");
        assertThat(auth.sweep()).isEmpty();

        accounts.remove("alice");
        AccountRow b = accounts.find("bob").orElseThrow();
        accounts.update(new AccountRow("bob", b.passwordHash(), "admin", b.groups(), b.createdAt())); // promoted
        WebSessions.Login bobAgain = open(sessions, accounts, "bob");
        assertThat(auth.sweep()).containsExactlyInAnyOrder(alice, bob);
        assertThat(sessions.find(alice.token())).isEmpty();
        assertThat(sessions.find(bob.token())).isEmpty();
        assertThat(sessions.find(bobAgain.token())).isPresent();
        assertThat(sessions.find(carol.token())).isPresent();
    }

    private static WebSessions.Login open(WebSessions sessions, MemoryAccounts accounts, String name) {
        AccountRow a = accounts.find(name).orElseThrow();
        return sessions.open(a.name(), Role.parse(a.role()), a.groups(), a.passwordHash());
    }

    private static int status(WebClient web) {
        try {
            return web.get("/api/me").statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
