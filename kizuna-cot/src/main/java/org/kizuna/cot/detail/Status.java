package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <status>}: device battery percentage (and readiness, kept as an attribute). */
public record Status(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "status";

    public Status {
        Objects.requireNonNull(attributes, "attributes");
    }

    /** Battery percentage, empty when absent or not a whole number. */
    public Optional<Integer> battery() {
        return attributes.get("battery").flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
