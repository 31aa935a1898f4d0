package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <remarks>}: free text, with optional source, addressee and time attributes. */
public record Remarks(String text, Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "remarks";

    public Remarks {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(attributes, "attributes");
    }

    public static Remarks of(String text) {
        return new Remarks(text, Attributes.empty());
    }

    public Optional<String> to() {
        return attributes.get("to");
    }
}
