package org.kizuna.core.leaks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a recipient actually gets, read back from the bytes it would read (the copy's XML) with
 * the JDK's DOM parser, not with the project's reader: the event's attributes and point, the
 * names of the detail's children, the link uids, and the originator label of its
 * {@code <__seclabel>}.
 *
 * @param label       the originator label it carries; null when it carries none
 * @param labelPolicy the label's policy identifier; null without a label
 */
record DeliveredCopy(String xml, String uid, String type, Instant time, double lat, double lon, double ce,
                     List<String> detailChildren, List<String> linkUids, OracleLabel label, String labelPolicy) {

    private static final ThreadLocal<DocumentBuilder> DOM = ThreadLocal.withInitial(DeliveredCopy::builder);

    static DeliveredCopy read(byte[] bytes) {
        String xml = new String(bytes, StandardCharsets.UTF_8);
        Element event = parse(xml);
        Element point = child(event, "point");
        Element detail = child(event, "detail");
        List<String> children = new ArrayList<>();
        List<String> links = new ArrayList<>();
        OracleLabel label = null;
        String policy = null;
        if (detail != null) {
            for (Element c : children(detail)) {
                children.add(c.getTagName());
                if (c.getTagName().equals("link")) {
                    links.add(c.getAttribute("uid"));
                }
                if (c.getTagName().equals("__seclabel") && label == null) {
                    Element originator = child(c, "originatorConfidentialityLabel");
                    if (originator != null) {
                        Element info = child(originator, "ConfidentialityInformation");
                        policy = child(info, "PolicyIdentifier").getTextContent();
                        label = label(info);
                    }
                }
            }
        }
        return new DeliveredCopy(xml, event.getAttribute("uid"), event.getAttribute("type"),
                Instant.parse(event.getAttribute("time")), Double.parseDouble(point.getAttribute("lat")),
                Double.parseDouble(point.getAttribute("lon")), Double.parseDouble(point.getAttribute("ce")),
                List.copyOf(children), List.copyOf(links), label, policy);
    }

    /** One 4774 label element (an envelope's originator label), as the oracle reads it. */
    static OracleLabel readLabel(String labelXml) {
        Element root = parse(labelXml);
        return label(child(root, "ConfidentialityInformation"));
    }

    boolean has(String detailChild) {
        return detailChildren.contains(detailChild);
    }

    private static OracleLabel label(Element info) {
        SortedMap<String, SortedSet<String>> values = new TreeMap<>();
        for (Element c : children(info)) {
            if (c.getTagName().equals("Category")) {
                SortedSet<String> v = values.computeIfAbsent(c.getAttribute("TagName"), t -> new TreeSet<>());
                for (Element g : children(c)) {
                    v.add(g.getTextContent());
                }
            }
        }
        return new OracleLabel(child(info, "Classification").getTextContent(), values);
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilder b = DOM.get();
            b.reset();
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("a delivered copy is not XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Element c : children(parent)) {
            if (c.getTagName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
