package org.kizuna.app.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.kizuna.app.Kizuna;
import picocli.CommandLine;

/** The {@code kizuna} command as an operator runs it, in-process: its exit code and what it printed. */
public final class KizunaCli {

    /** One run: the exit code, standard output and standard error. */
    public record Run(int exit, String out, String err) {
    }

    private KizunaCli() {
    }

    public static Run kizuna(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Kizuna());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
