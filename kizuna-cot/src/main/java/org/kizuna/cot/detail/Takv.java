package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <takv>}: the TAK client software and device. */
public record Takv(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "takv";

    public Takv {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> device() {
        return attributes.get("device");
    }

    public Optional<String> platform() {
        return attributes.get("platform");
    }

    public Optional<String> os() {
        return attributes.get("os");
    }

    public Optional<String> version() {
        return attributes.get("version");
    }
}
