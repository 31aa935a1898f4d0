package org.kizuna.policy.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.SecurityLabel;

/**
 * One node's security policy (a small SPIF): classifications with ranks and markings, category
 * tags, and equivalences to partner policies. Read from YAML by {@link PolicyYaml}.
 *
 * @param id              the policy identifier labels carry ({@code JPN}, {@code USA}, {@code BILAT-JPN-USA})
 * @param uri             optional {@code urn:oid:...}; empty when absent
 * @param relToFirst      the country listed first in REL TO lists (the IC rule puts {@code USA} first)
 * @param classifications ordered by rank, lowest first
 */
public record SecurityPolicy(String id, String uri, String relToFirst, List<Classification> classifications,
                             Map<String, CategoryTag> tags, Map<String, Equivalence> equivalences) {

    public SecurityPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(relToFirst, "relToFirst");
        List<Classification> sorted = new ArrayList<>(classifications);
        sorted.sort(Comparator.comparingInt(Classification::rank));
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (!names.add(sorted.get(i).name())) {
                throw new IllegalArgumentException("classification " + sorted.get(i).name() + " defined twice");
            }
            if (i > 0 && sorted.get(i).rank() == sorted.get(i - 1).rank()) {
                throw new IllegalArgumentException("classifications " + sorted.get(i - 1).name() + " and "
                        + sorted.get(i).name() + " share rank " + sorted.get(i).rank());
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("policy " + id + " defines no classification");
        }
        classifications = List.copyOf(sorted);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        equivalences = Map.copyOf(equivalences);
    }

    public Optional<Classification> classification(String name) {
        for (Classification c : classifications) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The classification whose name or banner marking is {@code text}, ignoring case (TAK's {@code access}). */
    public Optional<Classification> classificationByMarking(String text) {
        String t = text.trim();
        for (Classification c : classifications) {
            if (c.name().equalsIgnoreCase(t) || c.marking().equalsIgnoreCase(t) || c.portion().equalsIgnoreCase(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The rank of {@code classification}; misuse (an unknown name) is an IAE. */
    public int rank(String classification) {
        return classification(classification)
                .orElseThrow(() -> new IllegalArgumentException("policy " + id + " has no classification " + classification))
                .rank();
    }

    /** Names of every classification ranked at or below {@code name}: what "cleared to SECRET" holds. */
    public Set<String> classificationsUpTo(String name) {
        int max = rank(name);
        Set<String> out = new LinkedHashSet<>();
        for (Classification c : classifications) {
            if (c.rank() <= max) {
                out.add(c.name());
            }
        }
        return out;
    }

    public Optional<Equivalence> equivalenceTo(String policyId) {
        return Optional.ofNullable(equivalences.get(policyId));
    }

    /** What is wrong with {@code label} under this policy; empty when it is valid. */
    public List<String> problems(SecurityLabel label) {
        List<String> problems = new ArrayList<>();
        if (!label.policyId().equals(id)) {
            problems.add("label is under policy " + label.policyId() + ", not " + id);
            return problems;
        }
        if (classification(label.classification()).isEmpty()) {
            problems.add("unknown classification " + label.classification());
        }
        for (Category c : label.categories()) {
            CategoryTag tag = tags.get(c.tagName());
            if (tag == null) {
                problems.add("unknown category " + c.tagName());
            } else if (tag.type() != c.type()) {
                problems.add("category " + c.tagName() + " is " + tag.type() + ", not " + c.type());
            } else {
                c.values().stream().filter(v -> !tag.allows(v))
                        .forEach(v -> problems.add("category " + c.tagName() + " has no value " + v));
            }
        }
        return problems;
    }

    /** {@code label} when valid, else an IAE listing every problem. */
    public SecurityLabel validate(SecurityLabel label) {
        List<String> problems = problems(label);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid label: " + String.join("; ", problems));
        }
        return label;
    }
}
