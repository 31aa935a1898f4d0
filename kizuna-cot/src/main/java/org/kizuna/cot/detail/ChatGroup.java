package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/** {@code <chatgrp>} inside {@code <__chat>}: the two ends of a conversation and its id. */
public record ChatGroup(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "chatgrp";

    public ChatGroup {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> uid0() {
        return attributes.get("uid0");
    }

    public Optional<String> uid1() {
        return attributes.get("uid1");
    }

    public Optional<String> id() {
        return attributes.get("id");
    }
}
