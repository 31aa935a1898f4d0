package org.kizuna.app;

import org.kizuna.app.audit.AuditCommand;
import org.kizuna.app.demo.DemoCommand;
import org.kizuna.app.history.HistoryCommand;
import org.kizuna.app.history.ReplayCommand;
import org.kizuna.app.identity.UidCommand;
import org.kizuna.app.pki.PkiCommand;
import org.kizuna.app.posture.PostureCommand;
import org.kizuna.app.serve.ServeCommand;
import org.kizuna.app.user.UserCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code kizuna} command. Each subcommand is registered on its own line below; the command
 * classes live with their feature ({@code org.kizuna.app.pki}, ...).
 */
@Command(name = "kizuna", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Kizuna: a federated, TAK-compatible coalition COP server.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            PkiCommand.class,
            HistoryCommand.class,
            ReplayCommand.class,
            PostureCommand.class,
            AuditCommand.class,
            UserCommand.class,
            UidCommand.class,
            org.kizuna.app.enroll.EnrollQrCommand.class,
            org.kizuna.app.federate.FederateCommand.class,
        })
public final class Kizuna implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Kizuna()).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
