package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <contact>}: callsign and network endpoint of the sender (phone and others kept as attributes). */
public record Contact(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "contact";

    public Contact {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> callsign() {
        return attributes.get("callsign");
    }

    public Optional<String> endpoint() {
        return attributes.get("endpoint");
    }

    public Optional<String> phone() {
        return attributes.get("phone");
    }
}
