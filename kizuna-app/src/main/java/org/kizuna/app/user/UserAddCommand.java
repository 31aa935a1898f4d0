package org.kizuna.app.user;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.core.identity.Group;
import org.kizuna.server.http.Role;
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
 * {@code kizuna user add NAME --role R [--groups A,B] [--password-stdin]}: a browser account with
 * an Argon2id password hash. The password is read from the terminal (twice), or as one line from
 * standard input; never from the command line, where other users and the shell history see it.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a web COP account.")
public final class UserAddCommand implements Callable<Integer> {

    static final int MIN_PASSWORD = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    AccountOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "Login name (letters, digits, . _ -).")
    String name;

    @Option(names = "--role", required = true, description = "viewer, operator or admin.")
    String role;

    @Option(names = "--groups", split = ",", paramLabel = "A,B",
            description = "Groups the user reads and writes (default: the node's groups.default).")
    List<String> groups;

    @Option(names = "--password-stdin", description = "Read the password as one line from standard input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        char[] password = null;
        try {
            Role parsed = Role.parse(role);
            NodeConfig config = options.config();
            Set<String> groupNames = groups(config);
            password = readPassword(passwordStdin, name);
            AccountRow row = new AccountRow(name, new PasswordHash(PasswordHash.Cost.DEFAULT).hash(password),
                    parsed.wireName(), groupNames, Instant.now());
            try (JdbcHistoryStore store = options.open(config)) {
                if (!store.accounts().add(row)) {
                    err.println("kizuna user add: account '" + name + "' exists already");
                    return 1;
                }
            }
            spec.commandLine().getOut().println("added " + parsed.wireName() + " '" + name + "' with groups " + groupNames);
            return 0;
        } catch (IllegalArgumentException | ConfigException | StoreException | IOException e) {
            err.println("kizuna user add: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private Set<String> groups(NodeConfig config) {
        Set<String> names = new LinkedHashSet<>();
        if (groups == null || groups.isEmpty()) {
            config.defaultGroups().out().forEach(g -> names.add(g.name()));
        } else {
            for (String g : groups) {
                names.add(new Group(g.trim()).name()); // refuses blank names
            }
        }
        return names;
    }

    /** The new password: one line of standard input, or asked twice on the terminal; at least {@value #MIN_PASSWORD} characters. */
    static char[] readPassword(boolean passwordStdin, String name) throws IOException {
        char[] password;
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        } else {
            Console console = System.console();
            if (console == null) {
                throw new IllegalArgumentException("no terminal to ask for the password: use --password-stdin");
            }
            password = console.readPassword("Password for %s: ", name);
            char[] again = console.readPassword("Again: ");
            if (password == null || !Arrays.equals(password, again)) {
                throw new IllegalArgumentException("the passwords differ");
            }
        }
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password needs at least " + MIN_PASSWORD + " characters");
        }
        return password;
    }
}
