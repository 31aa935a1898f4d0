package org.kizuna.app.pki;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.PkiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code kizuna pki} subcommand shares: the {@code --data} option, and turning the
 * errors an administrator can fix (an existing CA, a bad name, a missing file) into one line on
 * stderr and exit code 1 instead of a stack trace. Anything else is a bug and keeps its trace.
 */
abstract class PkiSubcommand implements Callable<Integer> {

    static final int USER_ERROR = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The node's data directory; the PKI lives in DIR/pki.")
    Path dataDir;

    @Override
    public final Integer call() {
        try {
            run(NodePki.in(dataDir), spec.commandLine().getOut());
            return 0;
        } catch (PkiException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (NoSuchFileException e) {
            return fail("no such file or directory: " + e.getFile());
        } catch (AccessDeniedException e) {
            return fail("permission denied: " + e.getFile());
        } catch (FileSystemException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("I/O error: " + e.getMessage());
        }
    }

    abstract void run(NodePki pki, PrintWriter out) throws IOException;

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("kizuna pki " + spec.name() + ": " + message);
        err.flush();
        return USER_ERROR;
    }
}
