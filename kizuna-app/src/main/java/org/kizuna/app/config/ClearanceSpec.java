package org.kizuna.app.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A clearance as written in {@code kizuna.yaml}: {@code {upTo: SECRET, nation: JPN, categories:
 * {Releasable To: [JPN]}}}, or explicit {@code classifications: [...]} instead of {@code upTo}.
 *
 * @param upTo empty when {@code classifications} lists them
 */
public record ClearanceSpec(String upTo, List<String> classifications, String nation,
                            Map<String, List<String>> categories) {

    /** Holds nothing: sees no labelled event, may write none. */
    public static final ClearanceSpec NOTHING = new ClearanceSpec("", List.of(), "", Map.of());

    public ClearanceSpec {
        Objects.requireNonNull(upTo, "upTo");
        classifications = List.copyOf(classifications);
        Objects.requireNonNull(nation, "nation");
        categories = Map.copyOf(categories);
    }
}
