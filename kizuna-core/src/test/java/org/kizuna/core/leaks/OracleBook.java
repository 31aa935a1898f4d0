package org.kizuna.core.leaks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the oracle keeps of a run, on its own: who published each uid first (the owner), every
 * event sent with the oracle's verdict at ingest (its label, or why the node must refuse it),
 * and the latest picture. Ingest is predicted from the documented rules: forbidden types;
 * ownership (an item's uid and a chat's sender are claimed by their first publisher, a delete may
 * touch only the sender's own or unowned uids, nobody publishes in a partner's {@code NODE:}
 * namespace, a chat's uid names its sender); the carried marking or the sender's default (own,
 * else its groups' dominant, else the input's); a label the sender's clearance does not
 * dominate is refused.
 */
final class OracleBook {

    /**
     * One event as the oracle judged it at ingest.
     *
     * @param publisher the owner name of who sent it ({@code partner:P1} for a partner)
     * @param session   the sending session's id; -1 for a partner
     * @param refusal   why the node must refuse it; null when it must admit it
     */
    record Source(Publication pub, String publisher, long session, Set<String> writeGroups, OracleLabel label,
                  String refusal, Instant routedAt) {

        boolean isItem() {
            return pub.kind() == Publication.Kind.ITEM && !pub.pointToPoint();
        }

        @Override
        public String toString() {
            return pub + " from " + publisher + "#" + session + " label " + label
                    + (refusal == null ? "" : " (must be refused: " + refusal + ")");
        }
    }

    private final World world;
    private final Oracle oracle;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<Instant, Source> sources = new HashMap<>();
    private final Map<String, Source> picture = new LinkedHashMap<>();
    private final Map<Instant, List<Source>> notices = new HashMap<>();
    private final Map<String, java.util.Set<String>> told = new HashMap<>();

    OracleBook(World world, Oracle oracle) {
        this.world = world;
        this.oracle = oracle;
    }

    /** Judges what {@code sender} sends; records it, and what it changes, when it must be admitted. */
    Source ingest(World.Client sender, long session, Publication p, Instant now) {
        String refusal = forbidden(p.type()) ? "forbidden-type" : ownership(sender.name(), p);
        // The label is worked out even for what must be refused: if the node admits it anyway,
        // what it then delivers is still judged (and reported) against a label.
        OracleLabel label = p.marking().equals("none") ? defaultLabel(sender) : completed(p);
        if (label == null) {
            label = p.carried();
        }
        if (refusal == null) {
            if (p.badMarking() != null) {
                refusal = "bad-label";
            } else if (!p.marking().equals("none") && completed(p) == null) {
                refusal = "no-releasability";
            } else if (!oracle.mayHold(label, world.clearanceOf(sender))) {
                refusal = "label-above-clearance";
            }
        }
        Source s = new Source(p, sender.name(), session, sender.in(), label, refusal, now);
        sources.put(p.event().time(), s);
        if (refusal == null && !p.pointToPoint()) {
            updatePicture(s);
        }
        return s;
    }

    /** A partner's event, admitted with the label it travelled with. */
    Source foreign(String partner, Publication p, Set<String> writeGroups, Instant now) {
        Source s = new Source(p, "partner:" + partner, -1, writeGroups, p.carried(), null, now);
        sources.put(p.event().time(), s);
        updatePicture(s);
        return s;
    }

    Source source(Instant time) {
        return sources.get(time);
    }

    Map<String, Source> picture() {
        return picture;
    }

    String ownerOf(String uid) {
        return owners.get(uid);
    }

    /** {@code identity} was handed a copy under {@code uid} (on any edge, in any of its sessions). */
    void told(String identity, String uid) {
        told.computeIfAbsent(identity, i -> new java.util.HashSet<>()).add(uid);
    }

    boolean wasTold(String identity, String uid) {
        return told.getOrDefault(identity, java.util.Set.of()).contains(uid);
    }

    /** The reports whose disconnect notices the node made at {@code time} (a notice is timed when it is made). */
    List<Source> noticesAt(Instant time) {
        return notices.getOrDefault(time, List.of());
    }

    /** The item a session's own report made, if that session's report is the latest: it leaves with the session. */
    Source removeOwnReport(String selfUid, long session, Instant now) {
        Source s = selfUid == null ? null : picture.get(selfUid);
        if (s == null || s.session() != session) {
            return null;
        }
        notices.computeIfAbsent(now, t -> new ArrayList<>()).add(s);
        return picture.remove(selfUid);
    }

    private void updatePicture(Source s) {
        switch (s.pub().kind()) {
            case DELETE -> {
                s.pub().linkUids().forEach(picture::remove);
                picture.remove(s.pub().uid());
            }
            case ITEM -> picture.put(s.pub().uid(), s);
            case CHAT -> {
            }
        }
    }

    private static boolean forbidden(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("t-k") || t.startsWith("t-k-") || t.equals("t-p") || t.startsWith("t-p-");
    }

    private String ownership(String owner, Publication p) {
        switch (p.kind()) {
            case DELETE -> {
                boolean ok = mayTouch(p.uid(), owner) && p.linkUids().stream().allMatch(u -> mayTouch(u, owner));
                return ok ? null : "uid-owned-elsewhere";
            }
            case CHAT -> {
                if (!claim(p.uid0(), owner)) {
                    return "uid-owned-elsewhere";
                }
                return p.uid().startsWith("GeoChat.") && !p.uid().startsWith("GeoChat." + p.uid0() + ".")
                        ? "chat-sender-mismatch" : null;
            }
            default -> {
                return claim(p.uid(), owner) ? null : "uid-owned-elsewhere";
            }
        }
    }

    private boolean claim(String uid, String owner) {
        if (inPartnerNamespace(uid)) {
            return false;
        }
        return owners.computeIfAbsent(uid, u -> owner).equals(owner);
    }

    private boolean mayTouch(String uid, String owner) {
        return !inPartnerNamespace(uid) && owners.getOrDefault(uid, owner).equals(owner);
    }

    private boolean inPartnerNamespace(String uid) {
        return world.partners().stream().anyMatch(p -> uid.startsWith(p.nodeId() + ":"));
    }

    /** The carried label, read as the node's missingRelTo setting says; null when it must be refused. */
    private OracleLabel completed(Publication p) {
        OracleLabel carried = p.carried();
        return switch (world.missingRelTo()) {
            case "ORIGINATOR_ONLY" -> oracle.originatorOnly(carried, world.nodeNation());
            case "REFUSED" -> oracle.namesReleasability(carried) ? carried : null;
            default -> carried;
        };
    }

    private OracleLabel defaultLabel(World.Client sender) {
        OracleLabel own = world.clientDefaults().get(sender.name());
        if (own != null) {
            return own;
        }
        List<OracleLabel> fromGroups = new ArrayList<>();
        for (String g : sender.in()) {
            OracleLabel l = world.groupDefaults().get(g);
            if (l != null) {
                fromGroups.add(l);
            }
        }
        return fromGroups.isEmpty() ? world.tlsDefault() : oracle.dominant(fromGroups);
    }
}
