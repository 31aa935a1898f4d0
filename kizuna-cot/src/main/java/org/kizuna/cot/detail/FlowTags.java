package org.kizuna.cot.detail;

import java.util.Objects;
import org.kizuna.cot.Attributes;

/**
 * {@code <_flow-tags_>}: one attribute per server the event passed through (name = server id,
 * value = the time it passed). A server that finds its own tag has seen the event before.
 */
public record FlowTags(Attributes attributes) {

    /** The XML element name. */
    public static final String ELEMENT = "_flow-tags_";

    public FlowTags {
        Objects.requireNonNull(attributes, "attributes");
    }

    public boolean contains(String serverId) {
        return attributes.has(serverId);
    }

    public FlowTags with(String serverId, String time) {
        return new FlowTags(attributes.with(serverId, time));
    }
}
