package org.kizuna.cot.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.Detail;
import org.kizuna.cot.DetailElement;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.DroidUid;
import org.kizuna.cot.detail.FlowTags;
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
 * Reads the children of one {@code <detail>}. A well-known element becomes its typed value when the
 * model can hold all of it; anything else — unknown elements, a second copy of a singleton, a
 * well-known element with content the model has no place for — is kept as its exact source text.
 * One instance per {@code <detail>}.
 */
final class DetailParser {

    private final XmlCursor cursor;
    private final int maxChildren;

    private Contact contact;
    private TeamGroup group;
    private Takv takv;
    private Track track;
    private Status status;
    private PrecisionLocation precisionLocation;
    private DroidUid droid;
    private Remarks remarks;
    private final List<Link> links = new ArrayList<>();
    private Chat chat;
    private Marti marti;
    private FlowTags flowTags;
    private final List<String> unknown = new ArrayList<>();

    DetailParser(XmlCursor cursor, int maxChildren) {
        this.cursor = cursor;
        this.maxChildren = maxChildren;
    }

    /** Reads from the {@code <detail>} start up to and including its end. */
    Detail parse() throws XMLStreamException, MalformedXmlException {
        cursor.enterDetail();
        int children = 0;
        for (int ev = cursor.next(); ev != XMLStreamConstants.END_ELEMENT; ev = cursor.next()) {
            // Text, comments and PIs directly in <detail> carry nothing a client reads; skipped.
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (++children > maxChildren) {
                    throw new MalformedXmlException("<detail> has more than " + maxChildren + " child elements");
                }
                child();
            }
        }
        cursor.leaveDetail();
        return Detail.builder().contact(contact).group(group).takv(takv).track(track).status(status)
                .precisionLocation(precisionLocation).droid(droid).remarks(remarks).links(links).chat(chat)
                .marti(marti).flowTags(flowTags).unknown(unknown).build();
    }

    /** One child, from its start to its end, typed or verbatim. */
    private void child() throws XMLStreamException, MalformedXmlException {
        int level = cursor.depth();
        int start = cursor.startOffset();
        if (cursor.isPlainElement()) {
            DetailElement element = DetailElement.named(cursor.localName()).orElse(null);
            if (element != null && typed(element)) {
                return;
            }
        }
        cursor.skipElement(level);
        unknown.add(cursor.slice(start, cursor.endOffset()));
    }

    /**
     * Reads the current element as its typed value; false when it was already seen or has content
     * the model cannot hold (the cursor is then somewhere inside it). An exhaustive switch: an
     * element added to the registry does not compile until it is read here.
     */
    private boolean typed(DetailElement element) throws XMLStreamException, MalformedXmlException {
        return switch (element) {
            case CONTACT -> contact == null && (contact = leaf(Contact::new)) != null;
            case GROUP -> group == null && (group = leaf(TeamGroup::new)) != null;
            case TAKV -> takv == null && (takv = leaf(Takv::new)) != null;
            case TRACK -> track == null && (track = leaf(Track::new)) != null;
            case STATUS -> status == null && (status = leaf(Status::new)) != null;
            case PRECISION_LOCATION -> precisionLocation == null
                    && (precisionLocation = leaf(PrecisionLocation::new)) != null;
            case DROID -> droid == null && (droid = leaf(DroidUid::new)) != null;
            case REMARKS -> remarks == null && remarks();
            case LINK -> {
                Link link = leaf(Link::new);
                yield link != null && links.add(link);
            }
            case CHAT -> chat == null && chat();
            case MARTI -> marti == null && marti();
            case FLOW_TAGS -> flowTags == null && (flowTags = leaf(FlowTags::new)) != null;
        };
    }

    /** An element with nothing but whitespace inside as its typed value, else null. */
    private <T> T leaf(Function<Attributes, T> typed) throws XMLStreamException, MalformedXmlException {
        Attributes a = leaf();
        return a == null ? null : typed.apply(a);
    }

    private boolean remarks() throws XMLStreamException, MalformedXmlException {
        Attributes a = cursor.attributes();
        String text = textContent();
        if (text == null) {
            return false;
        }
        remarks = new Remarks(text, a);
        return true;
    }

    private boolean chat() throws XMLStreamException, MalformedXmlException {
        Attributes a = cursor.attributes();
        List<Attributes> groups = leafChildren(ChatGroup.ELEMENT);
        if (groups == null || groups.size() > 1) {
            return false;
        }
        chat = new Chat(a, groups.isEmpty() ? null : new ChatGroup(groups.get(0)));
        return true;
    }

    private boolean marti() throws XMLStreamException, MalformedXmlException {
        Attributes a = cursor.attributes();
        List<Attributes> dests = leafChildren(MartiDest.ELEMENT);
        if (dests == null) {
            return false;
        }
        List<MartiDest> destinations = new ArrayList<>(dests.size());
        for (Attributes d : dests) {
            destinations.add(new MartiDest(d));
        }
        marti = new Marti(a, destinations);
        return true;
    }

    /** The attributes of an element with nothing but whitespace inside, else null. */
    private Attributes leaf() throws XMLStreamException, MalformedXmlException {
        Attributes a = cursor.attributes();
        for (int ev = cursor.next(); ev != XMLStreamConstants.END_ELEMENT; ev = cursor.next()) {
            if (!isWhiteSpace(ev)) {
                return null;
            }
        }
        return a;
    }

    /** The attributes of each {@code childName} leaf child, or null on any other content. */
    private List<Attributes> leafChildren(String childName) throws XMLStreamException, MalformedXmlException {
        List<Attributes> found = new ArrayList<>(2);
        for (int ev = cursor.next(); ev != XMLStreamConstants.END_ELEMENT; ev = cursor.next()) {
            if (ev == XMLStreamConstants.START_ELEMENT) {
                Attributes a;
                if (!cursor.isPlainElement() || !childName.equals(cursor.localName())
                        || (a = leaf()) == null) {
                    return null;
                }
                found.add(a);
            } else if (!isWhiteSpace(ev)) {
                return null;
            }
        }
        return found;
    }

    /** The text of an element with text only (character data and CDATA), else null. */
    private String textContent() throws XMLStreamException, MalformedXmlException {
        String first = null;
        StringBuilder more = null;
        for (int ev = cursor.next(); ev != XMLStreamConstants.END_ELEMENT; ev = cursor.next()) {
            if (ev != XMLStreamConstants.CHARACTERS && ev != XMLStreamConstants.CDATA
                    && ev != XMLStreamConstants.SPACE) {
                return null;
            }
            if (first == null) {
                first = cursor.text();
            } else {
                if (more == null) {
                    more = new StringBuilder(first);
                }
                more.append(cursor.text());
            }
        }
        return more != null ? more.toString() : first != null ? first : "";
    }

    private boolean isWhiteSpace(int ev) throws XMLStreamException {
        return (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.SPACE) && cursor.isWhiteSpace();
    }
}
