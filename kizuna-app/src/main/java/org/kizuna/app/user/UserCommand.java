package org.kizuna.app.user;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kizuna user add|passwd|remove|list}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage web COP accounts.",
        subcommands = {UserAddCommand.class, UserPasswdCommand.class, UserRemoveCommand.class, UserListCommand.class})
public final class UserCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, passwd, remove or list");
    }
}
