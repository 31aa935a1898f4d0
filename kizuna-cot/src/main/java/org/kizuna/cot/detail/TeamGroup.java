package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <__group>}: ATAK team colour and role. Display only; never an access-control group. */
public record TeamGroup(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "__group";

    public TeamGroup {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> name() {
        return attributes.get("name");
    }

    public Optional<String> role() {
        return attributes.get("role");
    }
}
