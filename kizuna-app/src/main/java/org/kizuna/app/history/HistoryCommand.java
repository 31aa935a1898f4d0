package org.kizuna.app.history;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kizuna.app.config.ConfigException;
import org.kizuna.store.BoundingBox;
import org.kizuna.store.EventQuery;
import org.kizuna.store.InvalidQueryException;
import org.kizuna.store.Page;
import org.kizuna.store.StoreException;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kizuna history}: prints stored events, oldest first, filtered. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print stored events (oldest first). Times are when the node received them.")
public final class HistoryCommand implements Callable<Integer> {

    /** Most events one run prints; a larger export goes page by page with narrower windows. */
    static final int MAX_PRINTED = 1_000_000;

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--from", paramLabel = "T", description = "From (inclusive): ISO-8601 instant, 'now' or -2h.")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "To (exclusive): ISO-8601 instant, 'now' or -2h.")
    String to;

    @Option(names = "--bbox", paramLabel = "W,S,E,N", description = "Only events inside this box (degrees).")
    String bbox;

    @Option(names = "--uid", paramLabel = "U", description = "Only events of this uid.")
    String uid;

    @Option(names = "--type", paramLabel = "P", description = "Only this CoT type and its subtypes (a-f matches a-f-G-U-C).")
    String type;

    @Option(names = "--sender", paramLabel = "NAME", description = "Only events sent by this identity (certificate CN).")
    String sender;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|xml",
            description = "json: one object per line (default); xml: the CoT event per line.")
    String format;

    @Option(names = "--limit", defaultValue = "1000", paramLabel = "N",
            description = "Print at most N events (default ${DEFAULT-VALUE}, at most " + MAX_PRINTED + ").")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            EventQuery query = query(Instant.now());
            EventFormat fmt = format();
            try (JdbcHistoryStore store = storeOptions.open()) {
                print(store, query, fmt, out, err);
            }
            return 0;
        } catch (InvalidQueryException e) {
            err.println("kizuna history: --" + e.getMessage());
            return 2;
        } catch (ConfigException | StoreException e) {
            err.println("kizuna history: " + e.getMessage());
            return 1;
        }
    }

    EventQuery query(Instant now) {
        if (limit < 1 || limit > MAX_PRINTED) {
            throw new InvalidQueryException("limit", "must be 1.." + MAX_PRINTED + ", got " + limit);
        }
        return EventQuery.builder().from(TimeArgument.parse("from", from, now)).to(TimeArgument.parse("to", to, now))
                .bbox(bbox == null ? null : BoundingBox.parse(bbox)).uid(uid).typePrefix(type).sender(sender)
                .limit(Math.min(limit, EventQuery.MAX_LIMIT)).build();
    }

    private EventFormat format() {
        try {
            return EventFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("format", "expected json or xml, got '" + format + "'");
        }
    }

    private void print(JdbcHistoryStore store, EventQuery query, EventFormat fmt, PrintWriter out, PrintWriter err) {
        int printed = 0;
        Page<StoredEvent> page = store.events(query);
        while (true) {
            for (StoredEvent e : page.items()) {
                if (printed == limit) {
                    err.println("kizuna history: more events match; raise --limit or narrow the query");
                    out.flush();
                    return;
                }
                out.println(fmt.format(e));
                printed++;
            }
            if (page.next().isEmpty()) {
                break;
            }
            page = store.events(query.after(page.next().get()));
        }
        out.flush();
    }
}
