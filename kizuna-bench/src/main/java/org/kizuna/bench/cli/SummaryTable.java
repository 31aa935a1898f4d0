package org.kizuna.bench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import org.kizuna.bench.load.LoadResult;
import org.kizuna.bench.scenario.Comparison;

/** The few figures a reader looks at first, as a text table; the JSON file has everything. */
final class SummaryTable {

    private record Row(String label, Function<LoadResult, String> value) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("clients connected", r -> r.connections().connected() + "/" + r.connections().requested()),
            new Row("disconnected", r -> String.valueOf(r.connections().disconnected())),
            new Row("sent/s", r -> num(r.overall().sentPerSecond())),
            new Row("delivered/s", r -> num(r.overall().deliveredPerSecond())),
            new Row("missing", r -> r.overall().missing() + " of " + r.overall().expected()),
            new Row("p50 ms", r -> ms(r.overall().latency().p50Ms())),
            new Row("p99 ms", r -> ms(r.overall().latency().p99Ms())),
            new Row("p99.9 ms", r -> ms(r.overall().latency().p999Ms())),
            new Row("max ms", r -> ms(r.overall().latency().maxMs())),
            new Row("server CPU s", r -> ms(r.server().cpuSecondsDuringPhases())),
            new Row("load CPU s", r -> ms(r.loadCpuSeconds())),
            new Row("other processes CPU s", r -> r.machineCpuSeconds() < 0 || r.server().cpuSecondsDuringPhases() < 0 ? "n/a"
                    : ms(r.machineCpuSeconds() - r.server().cpuSecondsDuringPhases() - r.loadCpuSeconds())),
            new Row("heap/connection KiB", r -> kib(r.server().heapPerConnectionBytes())),
            new Row("RSS/connection KiB", r -> kib(r.server().rssPerConnectionBytes())),
            new Row("live heap MiB", r -> mib(r.server().heapAfterBytes())));

    private SummaryTable() {
    }

    static void print(LoadResult result, PrintWriter out) {
        for (Row row : ROWS) {
            out.printf("  %-22s %14s%n", row.label(), row.value().apply(result));
        }
        phases(result, out);
        result.errors().forEach(e -> out.println("  error: " + e));
    }

    static void print(Comparison c, PrintWriter out) {
        out.printf("%s (%s) on %d cores, commit %s%n", c.scenario(), c.description(), c.machine().cores(), c.commit());
        out.printf("  %-22s %14s %14s%n", "", "relay", "kizuna");
        for (Row row : ROWS) {
            out.printf("  %-22s %14s %14s%n", row.label(), row.value().apply(c.relay()), row.value().apply(c.kizuna()));
        }
        var r = c.ratios();
        out.printf("  kizuna/relay: throughput %s, p50 %s, p99 %s, CPU per delivery %s, heap/conn %s, RSS/conn %s%n",
                ratio(r.throughput()), ratio(r.p50()), ratio(r.p99()), ratio(r.cpuPerDelivery()),
                ratio(r.heapPerConnection()), ratio(r.rssPerConnection()));
        out.println("  relay phases:");
        phases(c.relay(), out);
        out.println("  kizuna phases:");
        phases(c.kizuna(), out);
        for (Comparison.Check check : c.checks()) {
            out.printf("  [%s] %s: %s (target %s)%n", check.met() ? "met" : "NOT MET", check.name(), check.measured(),
                    check.goal());
        }
        c.kizuna().errors().forEach(e -> out.println("  kizuna client error: " + e));
        c.relay().errors().forEach(e -> out.println("  relay client error: " + e));
    }

    private static void phases(LoadResult result, PrintWriter out) {
        for (LoadResult.PhaseResult p : result.phases()) {
            out.printf("    %-10s %5.0f s  sent/s %9s  delivered/s %10s  missing %8d  p50 %7s  p99 %7s  max %7s ms%n",
                    p.name(), p.seconds(), num(p.sentPerSecond()), num(p.deliveredPerSecond()), p.missing(),
                    ms(p.latency().p50Ms()), ms(p.latency().p99Ms()), ms(p.latency().maxMs()));
        }
    }

    private static String num(double v) {
        return String.format("%,.0f", v);
    }

    private static String ms(double v) {
        return v < 0 ? "n/a" : String.format("%.1f", v);
    }

    private static String kib(double bytes) {
        return bytes < 0 ? "n/a" : String.format("%.1f", bytes / 1024);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f", bytes / 1048576.0);
    }

    private static String ratio(Double r) {
        return r == null ? "n/a" : String.format("%.2f×", r);
    }
}
