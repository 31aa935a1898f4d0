package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <uid Droid="...">}: the device name the client reports. */
public record DroidUid(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "uid";

    public DroidUid {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> droid() {
        return attributes.get("Droid");
    }
}
