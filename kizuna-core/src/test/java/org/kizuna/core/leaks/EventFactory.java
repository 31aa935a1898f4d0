package org.kizuna.core.leaks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.SplittableRandom;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.MartiDest;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.Status;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.cot.detail.Track;

/**
 * Builds the events of a run. Every event gets a time of its own (a millisecond apart), which
 * every copy keeps through every obligation: that is how the oracle finds what a delivered copy
 * is a copy of, even under a pseudonym. Markings are written here as a client writes them: TAK's
 * attributes, or a {@code <__seclabel>} in 4774 XML written by this class, or none.
 */
final class EventFactory {

    /** Events are timed before the node's clock starts: their times never meet a notice's. */
    static final Instant EVENTS_FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant STALE = Instant.parse("2026-05-01T00:00:00Z");
    private static final String NS = "urn:nato:stanag:4774:confidentialitymetadatalabel:1:0";

    private final SplittableRandom random;
    private final World world;
    private final WorldGenerator.Labels labels;
    private long seq;

    EventFactory(World world, SplittableRandom random) {
        this.world = world;
        this.random = random;
        this.labels = new WorldGenerator.Labels(random);
        java.util.Map<String, String> types = world.tagTypes();
        labels.configure(world.classifications(), types, world.tagValues());
    }

    WorldGenerator.Labels labels() {
        return labels;
    }

    long next() {
        return ++seq;
    }

    /** A position or marker: with {@code self}, a client's own report (contact endpoint, takv). */
    Publication item(String uid, String type, String callsign, boolean self, String note) {
        long n = next();
        String remarks = "remarks-of-" + uid + "-" + n;
        Detail.Builder d = Detail.builder()
                .contact(new Contact(self ? Attributes.of("endpoint", "*:-1:stcp", "callsign", callsign)
                        : Attributes.of("callsign", callsign)))
                .group(new TeamGroup(Attributes.of("name", "Cyan", "role", "Team Member")))
                .track(new Track(Attributes.of("course", "90.0", "speed", "3.5")))
                .status(new Status(Attributes.of("battery", "88")))
                .precisionLocation(new PrecisionLocation(Attributes.of("geopointsrc", "GPS", "altsrc", "GPS")))
                .remarks(new Remarks(remarks, Attributes.empty()));
        if (self) {
            d.takv(new Takv(Attributes.of("platform", "ATAK-CIV", "version", "5.1")));
        }
        List<String> unknown = new ArrayList<>(List.of("<__video url=\"rtsp://cam/" + uid + "\"/>"));
        return marked(Publication.Kind.ITEM, base(uid, type, n), d, unknown, null, List.of(), List.of(), callsign,
                remarks, note);
    }

    /** A partner's item, labelled in its {@code <__seclabel>} as inbound labelling leaves it. */
    Publication foreign(String uid) {
        Publication p = item(uid, Publications.ITEM_TYPES.get(random.nextInt(Publications.ITEM_TYPES.size())),
                "CS-" + uid, false, "partner item");
        OracleLabel label = labels.label();
        List<String> unknown = new ArrayList<>(p.event().detail().unknown().stream()
                .filter(x -> !x.startsWith("<__seclabel")).toList());
        unknown.add(secLabel(label, world.policyId(), null, p.event().time()));
        CotEvent e = p.event().toBuilder().access("").caveat("").releasableTo("")
                .detail(p.event().detail().toBuilder().unknown(unknown).build()).build();
        return new Publication(p.kind(), e, "seclabel", label, null, null, List.of(), List.of(), p.callsign(),
                p.remarks(), p.note());
    }

    /** {@code item} sent point-to-point with {@code <marti><dest uid>}. */
    Publication addressed(Publication item, String toUid) {
        Detail d = item.event().detail().toBuilder()
                .marti(Marti.to(new MartiDest(Attributes.of("uid", toUid)))).build();
        return new Publication(item.kind(), item.event().withDetail(d), item.marking(), item.carried(),
                item.badMarking(), null, List.of(), List.of(toUid), item.callsign(), item.remarks(), item.note());
    }

    /** A GeoChat from {@code uid0} to All Chat Rooms, or to {@code toUid}; {@code uidOwner} names it. */
    Publication chat(String uid0, String uidOwner, String callsign, String toUid, String note) {
        long n = next();
        String room = toUid == null ? Chat.ALL_CHAT_ROOMS : toUid;
        String text = "chat-text-" + n;
        Chat chat = new Chat(Attributes.of("parent", "RootContactGroup", "chatroom", room, "id", room,
                "senderCallsign", callsign, "messageId", "m-" + n),
                new ChatGroup(Attributes.of("uid0", uid0, "uid1", room, "id", room)));
        Detail.Builder d = Detail.builder().chat(chat).remarks(new Remarks(text, Attributes.of("to", room)));
        CotEvent e = base("GeoChat." + uidOwner + "." + room + "." + n, "b-t-f", n);
        return marked(Publication.Kind.CHAT, e, d, new ArrayList<>(), uid0, List.of(),
                toUid == null ? List.of() : List.of(toUid), callsign, text, note);
    }

    /** A {@code t-x-d-d} removing {@code target}. */
    Publication delete(String target, String note) {
        long n = next();
        Detail.Builder d = Detail.builder()
                .links(List.of(new Link(Attributes.of("uid", target, "relation", "none", "type", "none"))));
        return marked(Publication.Kind.DELETE, base("delete-" + n, "t-x-d-d", n), d,
                new ArrayList<>(List.of("<__forcedelete/>")), null, List.of(target), List.of(), null, null, note);
    }

    private CotEvent base(String uid, String type, long n) {
        Instant t = EVENTS_FROM.plusMillis(n);
        return CotEvent.builder(uid, type).how("m-g").time(t).start(t).stale(STALE)
                .point(new Point(30 + 10 * random.nextDouble(), 130 + 15 * random.nextDouble(), 10,
                        3 + 20 * random.nextDouble(), 5)).build();
    }

    private Publication marked(Publication.Kind kind, CotEvent e, Detail.Builder d, List<String> unknown, String uid0,
                               List<String> links, List<String> to, String callsign, String remarks, String note) {
        int form = random.nextInt(20);
        OracleLabel drawn = labels.label();
        OracleLabel label = drawn;
        CotEvent.Builder b = e.toBuilder();
        String marking;
        if (form < 7) {
            marking = "none";
            label = null;
            if (form == 0) {
                b.access("Undefined");
            }
        } else if (form < 14 && world.tagTypes().entrySet().stream()
                .noneMatch(t -> t.getValue().equals("INFORMATIVE") && drawn.valuesOf(t.getKey()) != null)) {
            marking = "attributes";
            attributes(b, label);
        } else {
            marking = "seclabel";
            unknown.add(secLabel(label, world.policyId(), null, e.time()));
        }
        return new Publication(kind, b.detail(d.unknown(unknown).build()).build(), marking, label, null, uid0, links,
                to, callsign, remarks, note);
    }

    /** {@code p} re-marked with a marking the node must refuse: a tag given the wrong type, or another policy. */
    Publication badlyMarked(Publication p) {
        OracleLabel label = labels.label();
        String why;
        String xml;
        String restrictive = label.values().keySet().stream()
                .filter(t -> world.tagTypes().get(t).equals("RESTRICTIVE")).findFirst().orElse(null);
        if (restrictive != null && random.nextBoolean()) {
            why = "restrictive " + restrictive + " marked INFORMATIVE";
            xml = secLabel(label, world.policyId(), restrictive, p.event().time());
        } else {
            why = "label under policy XYZ";
            xml = secLabel(label, "XYZ", null, p.event().time());
        }
        List<String> unknown = new ArrayList<>(p.event().detail().unknown().stream()
                .filter(x -> !x.startsWith("<__seclabel")).toList());
        unknown.add(xml);
        CotEvent e = p.event().toBuilder().access("").caveat("").releasableTo("")
                .detail(p.event().detail().toBuilder().unknown(unknown).build()).build();
        return new Publication(p.kind(), e, "seclabel", label, why, p.uid0(), p.linkUids(), p.addressees(),
                p.callsign(), p.remarks(), p.note() + " badly marked");
    }

    private void attributes(CotEvent.Builder b, OracleLabel label) {
        String c = label.classification();
        b.access(random.nextBoolean() ? c : random.nextBoolean() ? c.toLowerCase(Locale.ROOT) : portion(c));
        List<String> caveats = new ArrayList<>();
        label.values().forEach((tag, values) -> {
            if (world.tagTypes().get(tag).equals("RESTRICTIVE")) {
                caveats.addAll(values);
            }
        });
        b.caveat(String.join(random.nextBoolean() ? "/" : ", ", caveats));
        SortedSet<String> relTo = label.valuesOf(World.REL_TO);
        if (relTo != null) {
            b.releasableTo((random.nextBoolean() ? "REL TO " : "") + String.join(", ", relTo));
        }
    }

    private static String portion(String classification) {
        return classification.equals("TOPSECRET") ? "TS" : classification.substring(0, 1);
    }

    /** A 4774 label in a {@code <__seclabel>}; {@code mistyped}: that tag is declared INFORMATIVE. */
    String secLabel(OracleLabel label, String policyId, String mistyped, Instant created) {
        StringBuilder x = new StringBuilder("<__seclabel><originatorConfidentialityLabel xmlns=\"").append(NS)
                .append("\"><ConfidentialityInformation><PolicyIdentifier>").append(policyId)
                .append("</PolicyIdentifier><Classification>").append(label.classification()).append("</Classification>");
        label.values().forEach((tag, values) -> {
            String type = tag.equals(mistyped) ? "INFORMATIVE" : world.tagTypes().get(tag);
            x.append("<Category TagName=\"").append(tag).append("\" Type=\"").append(type).append("\">");
            values.forEach(v -> x.append("<GenericValue>").append(v).append("</GenericValue>"));
            x.append("</Category>");
        });
        return x.append("</ConfidentialityInformation><CreationDateTime>").append(created)
                .append("</CreationDateTime></originatorConfidentialityLabel></__seclabel>").toString();
    }
}
