package org.kizuna.cot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.DroidUid;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.Status;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.cot.detail.Track;

/**
 * The registry of {@link Detail}'s typed elements: one constant per typed record component, in the
 * order the XML writer emits them. The XML reader and writer, the protobuf converter and the
 * release obligations all take their element names from here, so an element added to
 * {@code Detail} is added here once and every one of them (and the tests that enumerate this
 * registry) sees it.
 *
 * <p>A closed enum rather than the usual record-with-constants: the set is exactly the record's
 * components, and the exhaustive {@code switch} expressions below and in the codecs make the
 * compiler point at every place a new constant must be handled.
 */
public enum DetailElement {
    CONTACT(Contact.ELEMENT, "contact"),
    GROUP(TeamGroup.ELEMENT, "group"),
    TAKV(Takv.ELEMENT, "takv"),
    TRACK(Track.ELEMENT, "track"),
    STATUS(Status.ELEMENT, "status"),
    PRECISION_LOCATION(PrecisionLocation.ELEMENT, "precisionLocation"),
    /** {@code <uid Droid="...">}, not the event's uid attribute. */
    DROID(DroidUid.ELEMENT, "droid"),
    REMARKS(Remarks.ELEMENT, "remarks"),
    /** Any number of {@code <link>}: present when there is at least one; removing removes all. */
    LINK(Link.ELEMENT, "links"),
    CHAT(Chat.ELEMENT, "chat"),
    MARTI(Marti.ELEMENT, "marti"),
    /** Loop protection between servers: a copy without it could circle the federation forever. */
    FLOW_TAGS(FlowTags.ELEMENT, "flowTags");

    private static final Map<String, DetailElement> BY_NAME = new HashMap<>();

    static {
        for (DetailElement e : values()) {
            BY_NAME.put(e.elementName, e);
        }
    }

    private final String elementName;
    private final String component;

    DetailElement(String elementName, String component) {
        this.elementName = elementName;
        this.component = component;
    }

    /** The element's name on the wire: {@code contact}, {@code __group}, {@code _flow-tags_}, ... */
    public String elementName() {
        return elementName;
    }

    /** The {@link Detail} record component that holds it. */
    public String component() {
        return component;
    }

    /** The typed element with this wire name, if {@code name} is one. */
    public static Optional<DetailElement> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The typed elements in the writer's order (a fresh list; {@code values()} also works). */
    public static List<DetailElement> all() {
        return List.of(values());
    }

    /** False for the elements no release obligation may remove: they keep the federation working. */
    public boolean strippable() {
        return this != FLOW_TAGS;
    }

    /** The wire names of the elements that are not {@link #strippable()}. */
    public static Set<String> unstrippableNames() {
        return Arrays.stream(values()).filter(e -> !e.strippable()).map(DetailElement::elementName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when {@code d} carries this element (for {@link #LINK}: at least one link). */
    public boolean isPresentIn(Detail d) {
        return switch (this) {
            case CONTACT -> d.contact() != null;
            case GROUP -> d.group() != null;
            case TAKV -> d.takv() != null;
            case TRACK -> d.track() != null;
            case STATUS -> d.status() != null;
            case PRECISION_LOCATION -> d.precisionLocation() != null;
            case DROID -> d.droid() != null;
            case REMARKS -> d.remarks() != null;
            case LINK -> !d.links().isEmpty();
            case CHAT -> d.chat() != null;
            case MARTI -> d.marti() != null;
            case FLOW_TAGS -> d.flowTags() != null;
        };
    }

    /**
     * Removes the typed element from {@code b} and returns {@code b}. Copies of the same name kept
     * verbatim in {@code unknown} are not touched: that is the caller's choice.
     */
    public Detail.Builder removeFrom(Detail.Builder b) {
        return switch (this) {
            case CONTACT -> b.contact(null);
            case GROUP -> b.group(null);
            case TAKV -> b.takv(null);
            case TRACK -> b.track(null);
            case STATUS -> b.status(null);
            case PRECISION_LOCATION -> b.precisionLocation(null);
            case DROID -> b.droid(null);
            case REMARKS -> b.remarks(null);
            case LINK -> b.links(List.of());
            case CHAT -> b.chat(null);
            case MARTI -> b.marti(null);
            case FLOW_TAGS -> b.flowTags(null);
        };
    }
}
