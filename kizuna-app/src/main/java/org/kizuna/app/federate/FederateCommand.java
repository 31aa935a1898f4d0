package org.kizuna.app.federate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kizuna federate}: the node's federation partners. */
@Command(name = "federate", mixinStandardHelpOptions = true,
        description = "Manage federation partners (other nations' nodes).",
        subcommands = {FederateAddCommand.class, FederateRemoveCommand.class})
public final class FederateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add or remove");
    }
}
