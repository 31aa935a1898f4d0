package org.kizuna.cot.xml;

import com.fasterxml.aalto.UncheckedStreamException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamReader2;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.CotLimits;

/**
 * One pass over one XML document: Aalto's reader plus what it does not do for us. It enforces the
 * structural limits as elements open, refuses DTDs and entity references, tracks the depth so
 * callers can skip whole elements, and slices the source bytes so unknown detail elements keep
 * their exact text. Not thread-safe: one cursor per document.
 */
final class XmlCursor implements AutoCloseable {

    private final XMLStreamReader2 reader;
    private final byte[] source;
    private final Charset charset;
    private final CotLimits limits;
    /** Open elements, counting {@code <event>} as 1, so {@code maxDepth} counts what is inside it. */
    private int depth;
    private int event = XMLStreamConstants.START_DOCUMENT;

    // Namespace prefixes bound on <event> or <detail>. A detail child kept verbatim cannot rely on
    // them: re-emitted elsewhere, its prefix would be unbound. Null (the usual case) when none.
    private Set<String> rootPrefixes;
    private Set<String> outerPrefixes;
    private int detailDepth = Integer.MAX_VALUE;
    // Prefixes declared inside the current detail child, with the depth of the declaring element.
    private List<String> innerPrefixes;
    private List<Integer> innerDepths;

    /** A cursor over {@code source[off, off+len)}, which {@code reader} reads. */
    XmlCursor(XMLStreamReader2 reader, byte[] source, int off, int len, CotLimits limits, int startDepth)
            throws MalformedXmlException {
        this.reader = reader;
        this.source = source;
        this.limits = limits;
        this.depth = startDepth;
        this.charset = charsetOf(reader.getEncoding());
        checkEncoded(source, off, len);
    }

    private void checkEncoded(byte[] buf, int off, int len) throws MalformedXmlException {
        int bad = -1;
        if (charset == StandardCharsets.UTF_8) {
            bad = Utf8.indexOfInvalid(buf, off, off + len);
        } else if (charset == StandardCharsets.US_ASCII) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] < 0) {
                    bad = i;
                    break;
                }
            }
        }
        if (bad >= 0) {
            throw new MalformedXmlException("invalid " + charset.name() + " at byte " + (bad - off));
        }
    }

    private static Charset charsetOf(String encoding) throws MalformedXmlException {
        if (encoding == null || encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8")) {
            return StandardCharsets.UTF_8;
        }
        if (encoding.equalsIgnoreCase("US-ASCII") || encoding.equalsIgnoreCase("ASCII")) {
            return StandardCharsets.US_ASCII;
        }
        if (encoding.equalsIgnoreCase("ISO-8859-1") || encoding.equalsIgnoreCase("LATIN1")) {
            return StandardCharsets.ISO_8859_1;
        }
        throw new MalformedXmlException("unsupported encoding '" + XmlChars.excerpt(encoding) + "': CoT is UTF-8");
    }

    /** Advances to the next token, enforcing the limits. */
    int next() throws XMLStreamException, MalformedXmlException {
        try {
            event = reader.next();
        } catch (UncheckedStreamException e) {
            throw unwrap(e);
        } catch (RuntimeException e) {
            // Aalto fails unchecked on some hostile input (found by fuzzing: <xmlns:x>).
            throw new MalformedXmlException("not well-formed XML: " + e.getMessage(), e);
        }
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> opened();
            case XMLStreamConstants.END_ELEMENT -> closed();
            case XMLStreamConstants.DTD -> throw new MalformedXmlException("DOCTYPE is not allowed in CoT");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new MalformedXmlException(
                    "entity reference &" + XmlChars.excerpt(reader.getLocalName()) + "; is not allowed in CoT");
            default -> {
                // text, comments, processing instructions: the callers decide
            }
        }
        return event;
    }

    private void opened() throws MalformedXmlException {
        depth++;
        if (depth - 1 > limits.maxDepth()) {
            throw new MalformedXmlException("elements nested deeper than " + limits.maxDepth() + " inside <event>");
        }
        int count = reader.getAttributeCount() + reader.getNamespaceCount();
        if (count > limits.maxAttributes()) {
            throw new MalformedXmlException("<" + XmlChars.excerpt(reader.getPrefixedName()) + "> has " + count
                    + " attributes, more than " + limits.maxAttributes());
        }
        checkPrefixedNames();
        if (depth == 1 && reader.getNamespaceCount() > 0) {
            rootPrefixes = addDeclaredPrefixes(null);
        } else if (depth > detailDepth && outerPrefixes != null) {
            checkPrefixesBoundInside();
        }
    }

    // Aalto checks the part of a name after a prefix loosely: it lets "xml:", "v:0a" and
    // xmlns:0v through (found by fuzzing). No other parser would read them back, so we refuse them.
    // Unprefixed names are checked fully by Aalto; prefixed ones are rare, so this costs little.
    private void checkPrefixedNames() throws MalformedXmlException {
        if (isPrefix(reader.getPrefix())) {
            requireNcName(reader.getLocalName());
        }
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            if (isPrefix(reader.getAttributePrefix(i))) {
                requireNcName(reader.getAttributeLocalName(i));
            }
        }
        for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (isPrefix(prefix)) {
                requireNcName(prefix);
            }
        }
    }

    private static boolean isPrefix(String prefix) {
        return prefix != null && !prefix.isEmpty();
    }

    private void requireNcName(String name) throws MalformedXmlException {
        if (!XmlChars.isNcName(name)) {
            throw new MalformedXmlException("<" + XmlChars.excerpt(reader.getPrefixedName()) + "> uses '"
                    + XmlChars.excerpt(name) + "', which is not an XML name");
        }
    }

    private void closed() {
        if (innerDepths != null) {
            while (!innerDepths.isEmpty() && innerDepths.get(innerDepths.size() - 1) >= depth) {
                innerDepths.remove(innerDepths.size() - 1);
                innerPrefixes.remove(innerPrefixes.size() - 1);
            }
        }
        depth--;
    }

    /** Called on the {@code <detail>} start: from here on, children must bind their own prefixes. */
    void enterDetail() {
        detailDepth = depth;
        outerPrefixes = addDeclaredPrefixes(rootPrefixes);
        if (outerPrefixes != null) {
            innerPrefixes = new ArrayList<>();
            innerDepths = new ArrayList<>();
        }
    }

    void leaveDetail() {
        detailDepth = Integer.MAX_VALUE;
        outerPrefixes = null;
    }

    private Set<String> addDeclaredPrefixes(Set<String> into) {
        Set<String> result = into;
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix != null && !prefix.isEmpty() && !prefix.equals("xml")) {
                result = result == null ? new HashSet<>() : new HashSet<>(result);
                result.add(prefix);
            }
        }
        return result;
    }

    private void checkPrefixesBoundInside() throws MalformedXmlException {
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = reader.getNamespacePrefix(i);
            if (prefix != null && !prefix.isEmpty()) {
                innerPrefixes.add(prefix);
                innerDepths.add(depth);
            }
        }
        requireBoundInside(reader.getPrefix());
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            requireBoundInside(reader.getAttributePrefix(i));
        }
    }

    private void requireBoundInside(String prefix) throws MalformedXmlException {
        if (prefix != null && outerPrefixes.contains(prefix) && !innerPrefixes.contains(prefix)) {
            throw new MalformedXmlException("detail element uses namespace prefix '" + XmlChars.excerpt(prefix)
                    + "' declared on <event> or <detail>; declare it on the element that uses it");
        }
    }

    /** Depth of the current element (after a start) or of its parent (after an end); event = 1. */
    int depth() {
        return depth;
    }

    String localName() {
        return reader.getLocalName();
    }

    /** True when the current element's name has no namespace prefix. */
    boolean isUnprefixed() {
        String prefix = reader.getPrefix();
        return prefix == null || prefix.isEmpty();
    }

    /** True for an element without a namespace prefix, namespace declarations or prefixed attributes. */
    boolean isPlainElement() {
        String prefix = reader.getPrefix();
        if (prefix != null && !prefix.isEmpty() || reader.getNamespaceCount() > 0) {
            return false;
        }
        for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
            String p = reader.getAttributePrefix(i);
            if (p != null && !p.isEmpty() && !p.equals("xml")) {
                return false;
            }
        }
        return true;
    }

    int attributeCount() {
        return reader.getAttributeCount();
    }

    /** The local name of attribute {@code i}, or null when it has a namespace prefix. */
    String unprefixedAttributeName(int i) {
        String p = reader.getAttributePrefix(i);
        return p == null || p.isEmpty() ? reader.getAttributeLocalName(i) : null;
    }

    String attributeValue(int i) {
        return reader.getAttributeValue(i);
    }

    /** The attributes of the current (plain) element, in document order. */
    Attributes attributes() {
        int n = reader.getAttributeCount();
        if (n == 0) {
            return Attributes.empty();
        }
        String[] pairs = new String[n * 2];
        for (int i = 0; i < n; i++) {
            String p = reader.getAttributePrefix(i);
            String local = reader.getAttributeLocalName(i);
            pairs[2 * i] = p == null || p.isEmpty() ? local : p + ':' + local;
            pairs[2 * i + 1] = reader.getAttributeValue(i);
        }
        return Attributes.of(pairs);
    }

    // Aalto parses text lazily, so a bad character in it surfaces here, wrapped unchecked.
    String text() throws XMLStreamException {
        try {
            return reader.getText();
        } catch (UncheckedStreamException e) {
            throw unwrap(e);
        }
    }

    boolean isWhiteSpace() throws XMLStreamException {
        try {
            return reader.isWhiteSpace();
        } catch (UncheckedStreamException e) {
            throw unwrap(e);
        }
    }

    private static XMLStreamException unwrap(UncheckedStreamException e) {
        return e.getCause() instanceof XMLStreamException cause ? cause : new XMLStreamException(e.getMessage(), e);
    }

    /** Byte offset in the source where the current token starts. */
    int startOffset() throws XMLStreamException {
        return (int) reader.getLocationInfo().getStartingByteOffset();
    }

    /** Byte offset in the source just after the current token. */
    int endOffset() throws XMLStreamException {
        return (int) reader.getLocationInfo().getEndingByteOffset();
    }

    /** The exact source text between two offsets. */
    String slice(int from, int to) {
        return new String(source, from, to - from, charset);
    }

    /** Advances past the end of the element opened at {@code level}, wherever inside it we are. */
    void skipElement(int level) throws XMLStreamException, MalformedXmlException {
        while (!(event == XMLStreamConstants.END_ELEMENT && depth == level - 1)) {
            next();
        }
    }

    /** Reads past the root's end; Aalto refuses anything but comments, PIs and space there. */
    void finishDocument() throws XMLStreamException, MalformedXmlException {
        while (event != XMLStreamConstants.END_DOCUMENT) {
            next();
        }
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    static void closeQuietly(XMLStreamReader2 reader) {
        try {
            reader.close();
        } catch (XMLStreamException | RuntimeException ignored) {
            // Closing a byte-array source only returns buffers to Aalto's recycler; on the UTF-16
            // path (refused anyway) Aalto's close throws a NullPointerException, found by fuzzing.
        }
    }
}
