package org.kizuna.core.leaks;

import java.util.List;
import org.kizuna.cot.CotEvent;

/**
 * One event a client (or a partner) sends, with what the oracle knows about it from how it was
 * made, never from the node: its kind, uids, type and point, the marking it carries, where it
 * is addressed.
 *
 * @param marking    how the label is carried: {@code attributes}, {@code seclabel}, or {@code none}
 *                   (then the sender's default applies)
 * @param carried    the label it carries; null with {@code none}
 * @param badMarking why the node must refuse its marking (a mistyped tag, another policy); null when readable
 * @param uid0       a chat's sender uid; null otherwise
 * @param linkUids   what a delete names
 * @param addressees uids it is addressed to (a direct chat, {@code <marti><dest uid>}); empty for broadcast
 */
record Publication(Kind kind, CotEvent event, String marking, OracleLabel carried, String badMarking, String uid0,
                   List<String> linkUids, List<String> addressees, String callsign, String remarks, String note) {

    enum Kind { ITEM, CHAT, DELETE }

    String uid() {
        return event.uid();
    }

    String type() {
        return event.type().value();
    }

    double lat() {
        return event.point().lat();
    }

    double lon() {
        return event.point().lon();
    }

    boolean pointToPoint() {
        return !addressees.isEmpty();
    }

    @Override
    public String toString() {
        return note + " " + kind + " " + type() + " " + uid() + " marked " + marking
                + (carried == null ? "" : " " + carried) + (badMarking == null ? "" : " (" + badMarking + ")")
                + (addressees.isEmpty() ? "" : " to " + addressees) + String.format(" at %.4f,%.4f", lat(), lon());
    }
}
