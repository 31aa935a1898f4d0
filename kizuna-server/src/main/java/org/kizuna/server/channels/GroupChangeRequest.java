package org.kizuna.server.channels;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.kizuna.core.identity.Group;
import org.kizuna.cot.CotEvent;

/**
 * Reads a channel choice from a {@code t-x-g-c} a client sends.
 *
 * <p>TAK Server and ATAK use {@code t-x-g-c} only as the server's notice (no list in it); no
 * public client format for sending a choice over the stream was found. Kizuna accepts, anywhere
 * in the detail, one {@code <group name="NAME" direction="IN|OUT" active="true|false"/>} per
 * entry, the same fields as a {@code PUT /Marti/api/groups/active} body (no direction: both).
 * The entries are the complete choice, as with the PUT.
 */
public final class GroupChangeRequest {

    private static final XMLInputFactory XML = secureFactory();

    private GroupChangeRequest() {
    }

    /** The entries; empty when the event holds none (then nothing changes). */
    public static List<Selection> selections(CotEvent event) throws IllegalArgumentException {
        List<Selection> out = new ArrayList<>();
        for (String fragment : event.detail().unknown()) {
            try {
                XMLStreamReader r = XML.createXMLStreamReader(new StringReader(fragment));
                while (r.hasNext()) {
                    if (r.next() == XMLStreamReader.START_ELEMENT && "group".equals(r.getLocalName())) {
                        out.add(entry(r.getAttributeValue(null, "name"), r.getAttributeValue(null, "direction"),
                                r.getAttributeValue(null, "active")));
                    }
                }
            } catch (XMLStreamException e) {
                throw new IllegalArgumentException("unreadable t-x-g-c detail: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** One entry from its three fields, as both the stream and the REST body give them. */
    public static Selection entry(String name, String direction, String active) {
        if (name == null || name.isBlank() || name.length() > 256) {
            throw new IllegalArgumentException("a group entry needs a name (1..256 characters)");
        }
        Selection.Direction dir = null;
        if (direction != null && !direction.isBlank()) {
            try {
                dir = Selection.Direction.valueOf(direction.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("direction must be IN or OUT: " + direction);
            }
        }
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw new IllegalArgumentException("active must be true or false: " + active);
        }
        return new Selection(new Group(name), dir, !"false".equals(active));
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
