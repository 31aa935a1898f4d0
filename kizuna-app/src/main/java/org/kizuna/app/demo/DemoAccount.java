package org.kizuna.app.demo;

import java.time.Instant;
import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.account.AccountStore;

/**
 * The demo's web COP account: a fixed, printed password, which is acceptable only because the
 * demo's web listener is bound to loopback. It sees the demo users' group.
 */
final class DemoAccount {

    static final String NAME = "demo";
    static final String PASSWORD = "kizuna-demo";

    private DemoAccount() {
    }

    static void ensure(AccountStore accounts) {
        if (accounts.find(NAME).isEmpty()) {
            accounts.add(new AccountRow(NAME, new PasswordHash(PasswordHash.Cost.DEFAULT).hash(PASSWORD.toCharArray()),
                    "operator", Set.of(Group.ANONYMOUS.name()), Instant.now()));
        }
    }

    static String instructions(int port) {
        return "Open the web COP: http://127.0.0.1:" + port + "/  (sign in as " + NAME + " / " + PASSWORD + ")";
    }
}
