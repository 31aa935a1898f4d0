package org.kizuna.app.user;

import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.store.StoreException;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna user remove NAME}: deletes a web COP account. A running node that shares the
 * database signs its sessions out and closes its live feeds (see {@code AuthApi.sweep}); what
 * the account sent stays in the history under {@code web:NAME}.
 */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a web COP account.")
public final class UserRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AccountOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name.")
    String name;

    @Override
    public Integer call() {
        try (JdbcHistoryStore store = options.open(options.config())) {
            if (!store.accounts().remove(name)) {
                spec.commandLine().getErr().println("kizuna user remove: no account '" + name + "'");
                return 1;
            }
            spec.commandLine().getOut().println("removed '" + name + "'; its sessions are signed out");
            return 0;
        } catch (ConfigException | StoreException e) {
            spec.commandLine().getErr().println("kizuna user remove: " + e.getMessage());
            return 1;
        }
    }
}
