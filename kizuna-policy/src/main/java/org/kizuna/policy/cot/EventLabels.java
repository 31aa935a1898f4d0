package org.kizuna.policy.cot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.LabelXmlReader;
import org.kizuna.policy.label.LabelXmlWriter;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.CategoryTag;
import org.kizuna.policy.spec.Classification;
import org.kizuna.policy.spec.Markings;
import org.kizuna.policy.spec.RelToOrder;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * Where a label sits in a CoT event, both ways. A {@code <__seclabel>} detail holding the 4774
 * labels wins; otherwise the event attributes TAK uses ({@code access} = classification,
 * {@code caveat} = restrictive values, {@code releasableTo} = the countries), read against this
 * node's policy. An event with neither is unlabelled and gets its input's default.
 */
public final class EventLabels {

    /** What TAK clients write into {@code access} when the user chose no marking. */
    static final String UNMARKED = "Undefined";

    /** The detail element carrying 4774 XML. */
    public static final String ELEMENT = "__seclabel";

    private static final Pattern LIST = Pattern.compile("[,\\s]+");
    private static final Pattern CAVEATS = Pattern.compile("[/,\\s]+");

    private final SecurityPolicy policy;
    private final Markings markings;

    public EventLabels(SecurityPolicy policy) {
        this.policy = policy;
        this.markings = new Markings(policy);
    }

    /** The label {@code event} carries, empty when it carries none: the {@code <__seclabel>} wins. */
    public Optional<LabelSet> read(CotEvent event) throws LabelFormatException {
        Optional<String> seclabel = secLabelElement(event.detail());
        if (seclabel.isPresent()) {
            return Optional.of(LabelXmlReader.read(seclabel.get()));
        }
        return attributes(event);
    }

    /**
     * The label a client put on an event it sends, read strictly: every marking must be
     * understood, and when it carries both forms ({@code <__seclabel>} and TAK's attributes) they
     * must say the same. Anything else is refused rather than guessed at: a sender's marking the
     * node does not understand is never replaced by a default.
     */
    public Optional<LabelSet> readFromClient(CotEvent event) throws LabelFormatException {
        Optional<String> seclabel = secLabelElement(event.detail());
        Optional<LabelSet> fromAttributes = attributes(event);
        if (seclabel.isEmpty()) {
            return fromAttributes;
        }
        LabelSet set = LabelXmlReader.read(seclabel.get());
        if (fromAttributes.isPresent() && !fromAttributes.get().originator().equals(set.originator())) {
            throw new LabelFormatException("access/caveat/releasableTo say " + fromAttributes.get().originator()
                    + " but <__seclabel> says " + set.originator());
        }
        return Optional.of(set);
    }

    /**
     * TAK's attributes read under this policy. A blank {@code access}, or the {@code Undefined}
     * that TAK clients write when the user chose nothing, is no marking; any other value must
     * name one of the policy's classifications, or the event is refused.
     */
    private Optional<LabelSet> attributes(CotEvent event) throws LabelFormatException {
        String accessText = event.access().trim();
        boolean restricted = !event.caveat().isBlank() || !event.releasableTo().isBlank();
        if (accessText.isEmpty() || accessText.equalsIgnoreCase(UNMARKED)) {
            if (restricted) {
                // A sender that limits release but names no classification must not be widened.
                throw new LabelFormatException("caveat or releasableTo without a classification in access: '"
                        + event.access() + "'");
            }
            return Optional.empty();
        }
        Classification access = policy.classificationByMarking(accessText).orElseThrow(() -> new LabelFormatException(
                "access '" + accessText + "' names no classification of policy " + policy.id()));
        List<Category> categories = new ArrayList<>(caveats(event.caveat()));
        relTo(event.releasableTo()).ifPresent(categories::add);
        return Optional.of(LabelSet.of(new SecurityLabel(policy.id(), access.name(), "", categories)));
    }

    /**
     * {@code label} (under this policy) with "Releasable To" set to {@code nation} alone when it
     * names no releasability at all: a marking that says nothing about release means the
     * originator's nation only. Unchanged when it names some, or the policy has no such category.
     */
    public SecurityLabel originatorOnlyWhenUnreleasable(SecurityLabel label, String nation) {
        if (namesReleasability(label)) {
            return label;
        }
        return label.with(Category.of(relToTag().orElseThrow().name(), CategoryType.PERMISSIVE, nation));
    }

    /**
     * True when {@code label} says to whom it is releasable, or cannot (it is under another
     * policy, or this policy has no "Releasable To" category).
     */
    public boolean namesReleasability(SecurityLabel label) {
        Optional<CategoryTag> tag = relToTag();
        return tag.isEmpty() || !label.policyId().equals(policy.id()) || label.category(tag.get().name()).isPresent();
    }

    /**
     * Everything about writing {@code labels} that does not depend on the event, computed once:
     * the 4774 XML around the creation time (the event's time) and TAK's three attributes.
     */
    public record Form(List<String> xmlAroundTime, String access, String caveat, String releasableTo) {

        public Form {
            xmlAroundTime = List.copyOf(xmlAroundTime);
        }

        String element(Instant created) {
            return "<" + ELEMENT + ">" + String.join(created.toString(), xmlAroundTime) + "</" + ELEMENT + ">";
        }
    }

    /** Marks where the creation time goes; never valid XML text content of a label. */
    private static final String TIME_SLOT = "\u0000time\u0000";

    public Form form(LabelSet labels) {
        List<String> parts = List.of(LabelXmlWriter.write(labels, TIME_SLOT).split(TIME_SLOT, -1));
        Optional<SecurityLabel> ours = labels.forPolicy(policy.id()).filter(l -> policy.problems(l).isEmpty());
        if (ours.isPresent()) {
            SecurityLabel l = ours.get();
            return new Form(parts, policy.classification(l.classification()).orElseThrow().marking(), caveatText(l),
                    relToText(l));
        }
        return new Form(parts, labels.originator().classification(), "", "");
    }

    /** {@code event} with {@code labels} written as {@code <__seclabel>} and as TAK's attributes. */
    public CotEvent write(CotEvent event, LabelSet labels) {
        return write(event, form(labels));
    }

    /** {@code event} with a label written from its precomputed {@link Form}. */
    public CotEvent write(CotEvent event, Form form) {
        List<String> unknown = new ArrayList<>(event.detail().unknown().size() + 1);
        for (String element : event.detail().unknown()) {
            if (!isSecLabel(element)) {
                unknown.add(element);
            }
        }
        unknown.add(form.element(event.time()));
        return event.toBuilder().detail(event.detail().toBuilder().unknown(unknown).build())
                .access(form.access()).caveat(form.caveat()).releasableTo(form.releasableTo()).build();
    }

    /** The banner marking of {@code labels} under this policy, when it has a label under it. */
    public Optional<String> banner(LabelSet labels) {
        return labels.forPolicy(policy.id()).filter(l -> policy.problems(l).isEmpty()).map(markings::banner);
    }

    /** {@code detail} without any {@code <__seclabel>}: what a sender's own claim looks like once removed. */
    public static Detail withoutSecLabel(Detail detail) {
        List<String> unknown = new ArrayList<>();
        detail.unknown().stream().filter(e -> !isSecLabel(e)).forEach(unknown::add);
        return unknown.size() == detail.unknown().size() ? detail : detail.toBuilder().unknown(unknown).build();
    }

    private static Optional<String> secLabelElement(Detail detail) {
        return detail.unknown().stream().filter(EventLabels::isSecLabel).findFirst();
    }

    static boolean isSecLabel(String element) {
        return element.startsWith("<" + ELEMENT) && element.length() > ELEMENT.length() + 1
                && " \t\r\n>/".indexOf(element.charAt(ELEMENT.length() + 1)) >= 0;
    }

    private List<Category> caveats(String text) throws LabelFormatException {
        List<Category> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String token : CAVEATS.split(text.trim())) {
            String value = Category.normalise(token);
            CategoryTag tag = restrictiveTagOf(value)
                    .orElseThrow(() -> new LabelFormatException("unknown caveat " + token + " under policy " + policy.id()));
            String canonical = canonicalValue(tag, value);
            Optional<Category> existing = out.stream().filter(c -> c.tagName().equals(tag.name())).findFirst();
            List<String> values = new ArrayList<>(List.of(canonical));
            existing.ifPresent(c -> {
                values.addAll(c.values());
                out.remove(c);
            });
            out.add(Category.of(tag.name(), CategoryType.RESTRICTIVE, values));
        }
        return out;
    }

    private Optional<CategoryTag> restrictiveTagOf(String value) {
        return policy.tags().values().stream()
                .filter(t -> t.type() == CategoryType.RESTRICTIVE && !t.countries())
                .filter(t -> t.values().containsKey(value) || t.values().containsValue(value))
                .findFirst();
    }

    /** Caveats may be written as the value or its portion abbreviation (NOFORN or NF). */
    private static String canonicalValue(CategoryTag tag, String value) {
        if (tag.values().containsKey(value)) {
            return value;
        }
        return tag.values().entrySet().stream().filter(e -> e.getValue().equals(value)).findFirst().orElseThrow().getKey();
    }

    private Optional<Category> relTo(String text) throws LabelFormatException {
        String t = text.trim().replaceFirst("^(?i)REL(\\s+TO)?\\s+", "");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        CategoryTag tag = relToTag().orElseThrow(
                () -> new LabelFormatException("policy " + policy.id() + " has no releasability category"));
        List<String> values = new ArrayList<>();
        for (String token : LIST.split(t)) {
            String v = Category.normalise(token);
            if (!tag.allows(v)) {
                throw new LabelFormatException("releasableTo names unknown country " + token);
            }
            values.add(v);
        }
        return Optional.of(Category.of(tag.name(), CategoryType.PERMISSIVE, values));
    }

    private Optional<CategoryTag> relToTag() {
        return policy.tags().values().stream()
                .filter(t -> t.type() == CategoryType.PERMISSIVE && t.countries()).findFirst();
    }

    private String caveatText(SecurityLabel l) {
        List<String> parts = new ArrayList<>();
        l.categories().stream().filter(c -> c.type() == CategoryType.RESTRICTIVE).forEach(c -> parts.addAll(c.values()));
        return String.join("/", parts);
    }

    private String relToText(SecurityLabel l) {
        Optional<CategoryTag> tag = relToTag();
        if (tag.isEmpty()) {
            return "";
        }
        return l.category(tag.get().name()).map(c -> String.join(", ", RelToOrder.sort(c.values(), policy.relToFirst())))
                .orElse("");
    }
}
