package org.kizuna.app.attacks;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * CoT XML as an attacker types it, one event on one line for the node-tak client's
 * {@code --steps}: written by hand here rather than through Kizuna's codecs, so the server reads
 * exactly the bytes a hostile client would send. Times are now, stale in five minutes.
 */
final class RawCot {

    static final String ALL_CHAT_ROOMS = "All Chat Rooms";

    /** An event's own marking attributes ({@code access}, {@code releasableTo}); null leaves one out. */
    record Marking(String access, String releasableTo) {

        static final Marking NONE = new Marking(null, null);

        String attributes() {
            return (access == null ? "" : " access=\"" + esc(access) + "\"")
                    + (releasableTo == null ? "" : " releasableTo=\"" + esc(releasableTo) + "\"");
        }
    }

    private RawCot() {
    }

    /** Any event: {@code detail} is the inner XML of {@code <detail>}. */
    static String event(String uid, String type, double lat, double lon, Marking marking, String detail) {
        Instant now = Instant.now();
        return "<event version=\"2.0\" uid=\"" + esc(uid) + "\" type=\"" + esc(type) + "\" how=\"m-g\" time=\"" + now
                + "\" start=\"" + now + "\" stale=\"" + now.plus(Duration.ofMinutes(5)) + "\"" + marking.attributes()
                + "><point lat=\"" + lat + "\" lon=\"" + lon + "\" hae=\"0.0\" ce=\"10.0\" le=\"10.0\"/><detail>"
                + detail + "</detail></event>";
    }

    /** A TAK client's own position report ({@code contact endpoint} and {@code takv}, as ATAK sends it). */
    static String selfReport(String uid, String callsign, double lat, double lon, Marking marking) {
        return event(uid, "a-f-G-U-C", lat, lon, marking, "<contact callsign=\"" + esc(callsign)
                + "\" endpoint=\"*:-1:stcp\"/><__group name=\"Cyan\" role=\"Team Member\"/>"
                + "<takv platform=\"ATAK-CIV\" version=\"4.10\" device=\"attack\" os=\"34\"/>"
                + "<uid Droid=\"" + esc(callsign) + "\"/>");
    }

    /** A unit or marker someone places (not its own report: no endpoint, no takv). */
    static String unit(String uid, String type, String callsign, double lat, double lon, Marking marking) {
        return event(uid, type, lat, lon, marking, "<contact callsign=\"" + esc(callsign) + "\"/>");
    }

    /** A marker addressed to one callsign only ({@code <marti><dest callsign>}). */
    static String markerTo(String uid, String callsign, double lat, double lon) {
        return event(uid, "b-m-p-s-p-i", lat, lon, Marking.NONE, "<contact callsign=\"" + esc(uid)
                + "\"/><marti><dest callsign=\"" + esc(callsign) + "\"/></marti>");
    }

    /** ATAK's forced delete of {@code target}, under a fresh uid of its own. */
    static String forcedDelete(String target, String targetType) {
        return event("delete-" + UUID.randomUUID(), "t-x-d-d", 0, 0, Marking.NONE, "<link uid=\"" + esc(target)
                + "\" relation=\"none\" type=\"" + esc(targetType) + "\"/><__forcedelete/>");
    }

    /**
     * A GeoChat to All Chat Rooms with every sender field chosen: the event uid, {@code chatgrp
     * uid0}, {@code senderCallsign} and the producer link ({@code link relation="p-p"}).
     */
    static String allChat(String eventUid, String uid0, String senderCallsign, String linkUid, String text) {
        String messageId = UUID.randomUUID().toString();
        return event(eventUid, "b-t-f", 0, 0, Marking.NONE, "<__chat parent=\"RootContactGroup\" groupOwner=\"false\""
                + " messageId=\"" + messageId + "\" chatroom=\"" + ALL_CHAT_ROOMS + "\" id=\"" + ALL_CHAT_ROOMS
                + "\" senderCallsign=\"" + esc(senderCallsign) + "\"><chatgrp uid0=\"" + esc(uid0) + "\" uid1=\""
                + ALL_CHAT_ROOMS + "\" id=\"" + ALL_CHAT_ROOMS + "\"/></__chat><link uid=\"" + esc(linkUid)
                + "\" type=\"a-f-G-U-C\" relation=\"p-p\"/><remarks source=\"BAO.F.ATAK." + esc(uid0) + "\" to=\""
                + ALL_CHAT_ROOMS + "\">" + esc(text) + "</remarks>");
    }

    /** An honest GeoChat to All Chat Rooms from {@code senderUid}, whatever callsign it claims. */
    static String allChat(String senderUid, String senderCallsign, String text) {
        return allChat(chatUid(senderUid, ALL_CHAT_ROOMS), senderUid, senderCallsign, senderUid, text);
    }

    /** A direct GeoChat, addressed as ATAK addresses it: the chat group and {@code <marti><dest callsign>}. */
    static String directChat(String senderUid, String senderCallsign, String toUid, String toCallsign, String text) {
        return event(chatUid(senderUid, toUid), "b-t-f", 0, 0, Marking.NONE, "<__chat parent=\"RootContactGroup\""
                + " groupOwner=\"false\" messageId=\"" + UUID.randomUUID() + "\" chatroom=\"" + esc(toCallsign)
                + "\" id=\"" + esc(toUid) + "\" senderCallsign=\"" + esc(senderCallsign) + "\"><chatgrp uid0=\""
                + esc(senderUid) + "\" uid1=\"" + esc(toUid) + "\" id=\"" + esc(toUid) + "\"/></__chat><link uid=\""
                + esc(senderUid) + "\" type=\"a-f-G-U-C\" relation=\"p-p\"/><remarks source=\"BAO.F.ATAK."
                + esc(senderUid) + "\" to=\"" + esc(toUid) + "\">" + esc(text) + "</remarks><marti><dest callsign=\""
                + esc(toCallsign) + "\"/></marti>");
    }

    /** ATAK's chat uid: {@code GeoChat.<sender uid>.<room>.<message id>}. */
    static String chatUid(String senderUid, String room) {
        return "GeoChat." + senderUid + "." + room + "." + UUID.randomUUID();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
