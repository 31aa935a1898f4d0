package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <link>}: a relation to another item (parent, route point, shape vertex, ...). */
public record Link(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "link";

    public Link {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> uid() {
        return attributes.get("uid");
    }

    public Optional<String> type() {
        return attributes.get("type");
    }

    public Optional<String> relation() {
        return attributes.get("relation");
    }

    public Optional<String> point() {
        return attributes.get("point");
    }

    public Optional<String> callsign() {
        return attributes.get("callsign");
    }
}
