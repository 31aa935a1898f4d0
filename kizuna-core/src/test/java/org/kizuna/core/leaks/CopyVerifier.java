package org.kizuna.core.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks one delivered copy against the oracle: the label it carries is the one the oracle
 * expects and one the holder may hold; the oracle permits the release under the posture in
 * force; and the copy is shaped at least as the permit says: coarsened to the grid (ce at least
 * the grid, the point moved by at most half a cell per axis, never the exact point), stripped
 * elements absent, identity dropped (another uid, no callsign, remarks, contact or chat left, and
 * neither the original uid nor the sender's own uid anywhere in the bytes).
 */
final class CopyVerifier {

    private static final double METRES_PER_DEGREE = 111_320.0;

    private final Oracle oracle;

    CopyVerifier(Oracle oracle) {
        this.oracle = oracle;
    }

    /** What is wrong with {@code copy} as a release of {@code src} to {@code who}; empty when nothing. */
    List<String> problems(DeliveredCopy copy, OracleBook.Source src, OracleClearance who, String posture,
                          Shaping[] permitted) {
        List<String> out = new ArrayList<>();
        if (src.refusal() != null) {
            out.add("delivered an event the node had to refuse (" + src.refusal() + ")");
            return out;
        }
        if (copy.label() == null || !oracle.policy().id().equals(copy.labelPolicy())) {
            out.add("the copy carries no label of policy " + oracle.policy().id() + ": " + copy.labelPolicy());
        } else {
            if (!copy.label().equals(src.label())) {
                out.add("the copy is labelled " + copy.label() + ", the oracle expects " + src.label());
            }
            if (!oracle.mayHold(copy.label(), who)) {
                out.add("the holder's clearance does not dominate the copy's label " + copy.label());
            }
        }
        Optional<Shaping> s = oracle.decide(src.label(), who, posture, src.pub().type(), src.pub().lat(), src.pub().lon());
        if (s.isEmpty()) {
            out.add("released though the oracle denies it under " + posture + ": "
                    + oracle.decidingRule(src.label(), who, posture, src.pub().type(), src.pub().lat(), src.pub().lon()));
            return out;
        }
        permitted[0] = s.get();
        shaping(copy, src, s.get(), out);
        return out;
    }

    private void shaping(DeliveredCopy copy, OracleBook.Source src, Shaping s, List<String> out) {
        double grid = s.coarsenMetres();
        if (grid > 0) {
            double dLat = Math.abs(copy.lat() - src.pub().lat()) * METRES_PER_DEGREE;
            double dLon = Math.abs(copy.lon() - src.pub().lon()) * METRES_PER_DEGREE
                    * Math.max(Math.cos(Math.toRadians(copy.lat())), 0.01);
            double half = grid / 2 * 1.01;
            if (copy.ce() < grid || dLat > half || dLon > half
                    || (copy.lat() == src.pub().lat() && copy.lon() == src.pub().lon())) {
                out.add(String.format("not coarsened to %.0f m: ce %.1f, moved %.1f m / %.1f m from %.6f,%.6f to %.6f,%.6f",
                        grid, copy.ce(), dLat, dLon, src.pub().lat(), src.pub().lon(), copy.lat(), copy.lon()));
            }
        }
        for (String name : s.strip()) {
            if (copy.has(name)) {
                out.add("<" + name + "> was to be stripped");
            }
        }
        if (s.dropIdentity()) {
            identity(copy, src, out);
        }
    }

    private static void identity(DeliveredCopy copy, OracleBook.Source src, List<String> out) {
        String xml = copy.xml();
        List<String> revealing = new ArrayList<>(List.of(src.pub().uid(), "callsign="));
        if (src.pub().callsign() != null) {
            revealing.add(src.pub().callsign());
        }
        if (src.pub().remarks() != null) {
            revealing.add(src.pub().remarks());
        }
        if (src.session() >= 0) {
            revealing.add("\"U-" + src.publisher() + "\"");
            revealing.add("U-" + src.publisher() + ".");
        }
        src.pub().linkUids().forEach(revealing::add);
        for (String r : revealing) {
            if (xml.contains(r)) {
                out.add("identity to be dropped, but the copy still says " + r);
            }
        }
        for (String element : List.of("contact", "remarks", "__chat", "takv", "__group")) {
            if (copy.has(element)) {
                out.add("identity to be dropped, but <" + element + "> survives");
            }
        }
    }
}
