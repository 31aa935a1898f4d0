package org.kizuna.app.user;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.store.StoreException;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kizuna user list}: names, roles and groups (never the hashes). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List web COP accounts.")
public final class UserListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AccountOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (JdbcHistoryStore store = options.open(options.config())) {
            for (AccountRow a : store.accounts().all()) {
                out.println(a.name() + "\t" + a.role() + "\t" + String.join(",", new java.util.TreeSet<>(a.groups())));
            }
            return 0;
        } catch (ConfigException | StoreException e) {
            spec.commandLine().getErr().println("kizuna user list: " + e.getMessage());
            return 1;
        }
    }
}
