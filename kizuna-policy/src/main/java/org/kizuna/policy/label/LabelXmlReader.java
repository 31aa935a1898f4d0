package org.kizuna.policy.label;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the STANAG 4774 labels inside a {@code <__seclabel>} element. The input comes from
 * clients, so the parser has DTDs and external entities off, and size, depth and counts are
 * bounded. Elements in the 4774 namespace and unqualified ones are both accepted (some
 * producers omit the namespace); unknown elements are skipped.
 */
public final class LabelXmlReader {

    /** Largest label text accepted; real labels are a few hundred bytes. */
    public static final int MAX_CHARS = 16 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_VALUES = 256;

    private static final XMLInputFactory FACTORY = hardened();

    private LabelXmlReader() {
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** Reads {@code xml}: one element whose children are the 4774 label roots. */
    public static LabelSet read(String xml) throws LabelFormatException {
        if (xml.length() > MAX_CHARS) {
            throw new LabelFormatException("label longer than " + MAX_CHARS + " characters");
        }
        SecurityLabel originator = null;
        Map<String, SecurityLabel> alternatives = new LinkedHashMap<>();
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new LabelFormatException("DTDs and entity references are not allowed in labels");
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    if (++depth > MAX_DEPTH) {
                        throw new LabelFormatException("label nested deeper than " + MAX_DEPTH);
                    }
                    String name = r.getLocalName();
                    if (depth == 2 && name.equals("originatorConfidentialityLabel")) {
                        checkNamespace(r);
                        if (originator != null) {
                            throw new LabelFormatException("two originator labels");
                        }
                        originator = label(r);
                        depth--;
                    } else if (depth == 2 && name.equals("alternativeConfidentialityLabel")) {
                        checkNamespace(r);
                        SecurityLabel alt = label(r);
                        alternatives.put(alt.policyId(), alt);
                        depth--;
                    }
                }
            }
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new LabelFormatException("malformed label: " + e.getMessage(), e);
        }
        if (originator == null) {
            throw new LabelFormatException("no originatorConfidentialityLabel");
        }
        alternatives.remove(originator.policyId()); // never lets an alternative stand in for the originator
        return new LabelSet(originator, alternatives);
    }

    private static void checkNamespace(XMLStreamReader r) throws LabelFormatException {
        String ns = r.getNamespaceURI();
        if (ns != null && !ns.isEmpty() && !ns.equals(LabelXmlWriter.NAMESPACE)) {
            throw new LabelFormatException("label in unknown namespace " + ns);
        }
    }

    /** Reads one label root up to its end element. */
    private static SecurityLabel label(XMLStreamReader r) throws XMLStreamException, LabelFormatException {
        LabelParts parts = new LabelParts();
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (++depth > MAX_DEPTH) {
                    throw new LabelFormatException("label nested deeper than " + MAX_DEPTH);
                }
                if (parts.start(r)) {
                    depth--; // the element's text was read up to its end element
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                parts.end(r.getLocalName());
            } else if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
                throw new LabelFormatException("DTDs and entity references are not allowed in labels");
            }
        }
        return parts.label();
    }

    /** What one label root has said so far. */
    private static final class LabelParts {
        private String policy;
        private String classification;
        private String privacy = "";
        private final List<Category> categories = new ArrayList<>();
        private int values;
        private String tag;
        private CategoryType type;
        private TreeSet<String> current;

        /** Handles a start element; true when it consumed the element through its end. */
        boolean start(XMLStreamReader r) throws XMLStreamException, LabelFormatException {
            switch (r.getLocalName()) {
                case "PolicyIdentifier" -> policy = r.getElementText().trim();
                case "Classification" -> classification = r.getElementText().trim();
                case "PrivacyMark" -> privacy = r.getElementText().trim();
                case "GenericValue" -> {
                    if (current == null || ++values > MAX_VALUES) {
                        throw new LabelFormatException("GenericValue outside a Category, or too many values");
                    }
                    current.add(r.getElementText());
                }
                case "Category" -> {
                    tag = r.getAttributeValue(null, "TagName");
                    type = categoryType(r.getAttributeValue(null, "Type"));
                    current = new TreeSet<>();
                    return false;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        void end(String name) throws LabelFormatException {
            if (name.equals("Category") && current != null) {
                if (tag == null) {
                    throw new LabelFormatException("Category without TagName");
                }
                categories.add(new Category(tag, type, current));
                current = null;
            }
        }

        SecurityLabel label() throws LabelFormatException {
            if (policy == null || classification == null) {
                throw new LabelFormatException("label without PolicyIdentifier or Classification");
            }
            return new SecurityLabel(policy, classification, privacy, categories);
        }
    }

    private static CategoryType categoryType(String text) throws LabelFormatException {
        try {
            return CategoryType.valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LabelFormatException("Category Type must be RESTRICTIVE, PERMISSIVE or INFORMATIVE: " + text);
        }
    }
}
