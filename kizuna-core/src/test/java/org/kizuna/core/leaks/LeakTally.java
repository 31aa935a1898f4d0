package org.kizuna.core.leaks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run (or many, added up) checked: deliveries per edge, leaks (violations of the
 * oracle, each with its context), and the last steps of the run for a readable counterexample.
 */
final class LeakTally {

    private static final int TRACE = 40;
    private static final int MAX_LEAKS = 5;

    private final Map<String, Long> byEdge = new TreeMap<>();
    private final Map<String, Long> findings = new TreeMap<>();
    private final List<String> leaks = new ArrayList<>();
    private final Deque<String> trace = new ArrayDeque<>();
    private long deliveries;
    private long leakCount;
    private long refusals;

    void delivered(String edge) {
        deliveries++;
        byEdge.merge(edge, 1L, Long::sum);
    }

    void refused() {
        refusals++;
    }

    void leak(String what) {
        leakCount++;
        if (leaks.size() < MAX_LEAKS) {
            leaks.add(what + "\n  last steps:\n    " + String.join("\n    ", trace));
        }
    }

    /** Something worth knowing that is not a leak by the oracle's rules (counted, reported). */
    void finding(String kind) {
        findings.merge(kind, 1L, Long::sum);
    }

    void step(String what) {
        if (trace.size() == TRACE) {
            trace.removeFirst();
        }
        trace.addLast(what);
    }

    void add(LeakTally other) {
        deliveries += other.deliveries;
        leakCount += other.leakCount;
        refusals += other.refusals;
        other.byEdge.forEach((e, n) -> byEdge.merge(e, n, Long::sum));
        other.findings.forEach((e, n) -> findings.merge(e, n, Long::sum));
        for (String l : other.leaks) {
            if (leaks.size() < MAX_LEAKS) {
                leaks.add(l);
            }
        }
    }

    long deliveries() {
        return deliveries;
    }

    long leakCount() {
        return leakCount;
    }

    long refusals() {
        return refusals;
    }

    Map<String, Long> byEdge() {
        return byEdge;
    }

    Map<String, Long> findings() {
        return findings;
    }

    List<String> leaks() {
        return leaks;
    }

    String summary() {
        return deliveries + " deliveries checked " + byEdge + ", " + refusals + " events refused at ingest, "
                + leakCount + " leaks" + (findings.isEmpty() ? "" : ", findings " + findings);
    }
}
