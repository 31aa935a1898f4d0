package org.kizuna.core.leaks;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one holder (a client, a web account, a partner's accreditation) may hold, as the oracle
 * sees it: an explicit set of classifications, the values held per category tag, its nation.
 */
record OracleClearance(String holder, String nation, Set<String> classifications, Map<String, Set<String>> held) {

    OracleClearance {
        classifications = Set.copyOf(new TreeSet<>(classifications));
        Map<String, Set<String>> copy = new TreeMap<>();
        held.forEach((tag, v) -> copy.put(tag, Set.copyOf(v)));
        held = copy;
    }

    boolean holds(String tag, String value) {
        Set<String> v = held.get(tag);
        return v != null && v.contains(value);
    }

    @Override
    public String toString() {
        return holder + "(" + nation + " " + new TreeSet<>(classifications) + " " + held + ")";
    }
}
