package org.kizuna.app.user;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.store.StoreException;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna user passwd NAME [--password-stdin]}: a new password for a web COP account (role
 * and groups unchanged). A running node that shares the database signs the account's existing
 * sessions out (see {@code AuthApi.sweep}).
 */
@Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a web COP account's password.")
public final class UserPasswdCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AccountOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        char[] password = null;
        try (JdbcHistoryStore store = options.open(options.config())) {
            Optional<AccountRow> account = store.accounts().find(name);
            if (account.isEmpty()) {
                err.println("kizuna user passwd: no account '" + name + "'");
                return 1;
            }
            password = UserAddCommand.readPassword(passwordStdin, name);
            AccountRow a = account.get();
            String hash = new PasswordHash(PasswordHash.Cost.DEFAULT).hash(password);
            if (!store.accounts().update(new AccountRow(a.name(), hash, a.role(), a.groups(), a.createdAt()))) {
                err.println("kizuna user passwd: account '" + name + "' was removed meanwhile");
                return 1;
            }
            spec.commandLine().getOut().println("new password for '" + name + "'; its sessions are signed out");
            return 0;
        } catch (IllegalArgumentException | ConfigException | StoreException | IOException e) {
            err.println("kizuna user passwd: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
