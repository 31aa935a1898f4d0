package org.kizuna.app.identity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kizuna uid release|list}. */
@Command(name = "uid", mixinStandardHelpOptions = true,
        description = "Show and release which identity owns each uid (works while the node runs).",
        subcommands = {UidReleaseCommand.class, UidListCommand.class})
public final class UidCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: release or list");
    }
}
