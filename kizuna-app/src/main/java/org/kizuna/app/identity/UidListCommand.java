package org.kizuna.app.identity;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kizuna.store.identity.BindingRecord;
import org.kizuna.store.identity.Replayed;
import org.kizuna.store.identity.UidBindingLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna uid list}: uid, owner and the last use the journal holds, one per line, by uid.
 * Reads the journal, not the node's memory: a binding made in the last moments may be missing,
 * last use is as of the node's last snapshot (daily and at shutdown), and bindings past their
 * retention are listed until the node next compacts.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List bound uids: uid, owner, last use recorded.")
public final class UidListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the node's data directory")
    Path dataDir;

    @Option(names = "--owner", paramLabel = "NAME", description = "only this owner's uids (a CN, web:NAME, anonymous, partner:NODE)")
    String owner;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Optional<UidBindingLog> opened = UidBindingLog.openExisting(dataDir);
            if (opened.isEmpty()) {
                return 0;
            }
            Replayed replayed;
            try (UidBindingLog log = opened.get()) {
                replayed = log.replay();
            }
            replayed.live().values().stream()
                    .filter(b -> owner == null || b.owner().equals(owner))
                    .sorted(Comparator.comparing(BindingRecord.Bound::uid))
                    .forEach(b -> out.println(printable(b.uid()) + "\t" + printable(b.owner()) + "\t" + b.at()));
            out.flush();
            return 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("kizuna uid list: I/O error: " + e.getMessage());
            return 1;
        }
    }

    /** A uid or owner on one line: control characters (a newline in a uid) and backslashes shown escaped. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
