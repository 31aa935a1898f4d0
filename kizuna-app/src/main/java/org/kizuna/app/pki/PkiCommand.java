package org.kizuna.app.pki;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kizuna pki}: the node's certificates. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = "Manage the node's certificates: CA, server certificate, client certificates and packages.",
        subcommands = {
            PkiInitCommand.class,
            PkiClientCommand.class,
            PkiExportCaCommand.class,
            PkiListCommand.class,
            PkiRevokeCommand.class,
        })
public final class PkiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: init, client, export-ca, list or revoke");
    }
}
