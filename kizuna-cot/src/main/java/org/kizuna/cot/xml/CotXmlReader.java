package org.kizuna.cot.xml;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.io.Stax2ByteArraySource;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;

/**
 * Reads one XML frame into a {@link CotEvent}. Thread-safe: the parser factory is configured once
 * and every call gets its own reader.
 *
 * <p>Hardened for hostile peers: no DTDs, no entities (a DOCTYPE or entity reference is refused,
 * never expanded or fetched), and the {@link CotLimits} are checked as the parse goes. Unknown
 * {@code <detail>} children keep their exact source text.
 *
 * <pre>{@code
 * CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);
 * CotEvent event = reader.read(frame);   // throws CotDecodeException on bad input
 * }</pre>
 */
public final class CotXmlReader {

    private static final byte[] DETAIL_OPEN = "<detail>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DETAIL_CLOSE = "</detail>".getBytes(StandardCharsets.US_ASCII);

    private final CotLimits limits;
    private final XMLInputFactory2 factory;

    public CotXmlReader(CotLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.factory = hardenedFactory();
    }

    private static XMLInputFactory2 hardenedFactory() {
        XMLInputFactory2 f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        // Belt and braces: nothing outside the frame is ever fetched.
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed in CoT");
        });
        return f;
    }

    public CotEvent read(byte[] frame) throws CotDecodeException {
        return read(frame, 0, frame.length);
    }

    /** Reads the event in {@code buf[off, off+len)}, which may start with an XML declaration. */
    public CotEvent read(byte[] buf, int off, int len) throws CotDecodeException {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkFrameSize(len);
        int from = off;
        int end = off + len;
        // Whitespace left between frames by the framer would otherwise make a declaration illegal.
        while (from < end && isXmlSpace(buf[from])) {
            from++;
        }
        try (XmlCursor cursor = open(buf, from, end - from, 0)) {
            return new EventParser(cursor, limits).parseEvent();
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /**
     * Parses the inner XML of a {@code <detail>} (its children, concatenated), as carried in the TAK
     * protocol's {@code xmlDetail} field. The same limits apply as inside an event.
     */
    public Detail readDetailContent(String innerXml) throws CotDecodeException {
        byte[] inner = innerXml.getBytes(StandardCharsets.UTF_8);
        checkFrameSize(inner.length);
        byte[] doc = new byte[DETAIL_OPEN.length + inner.length + DETAIL_CLOSE.length];
        System.arraycopy(DETAIL_OPEN, 0, doc, 0, DETAIL_OPEN.length);
        System.arraycopy(inner, 0, doc, DETAIL_OPEN.length, inner.length);
        System.arraycopy(DETAIL_CLOSE, 0, doc, DETAIL_OPEN.length + inner.length, DETAIL_CLOSE.length);
        // Depth 1: the wrapper stands where <detail> stands inside <event>.
        try (XmlCursor cursor = open(doc, 0, doc.length, 1)) {
            return new EventParser(cursor, limits).parseDetailDocument();
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private XmlCursor open(byte[] buf, int off, int len, int startDepth) throws XMLStreamException, MalformedXmlException {
        XMLStreamReader2 reader;
        try {
            reader = (XMLStreamReader2) factory.createXMLStreamReader(new Stax2ByteArraySource(buf, off, len));
        } catch (RuntimeException e) {
            // Aalto's bootstrap fails unchecked on some encoding names (found by fuzzing: 'UTA-8').
            throw new MalformedXmlException("cannot read the XML declaration: " + e, e);
        }
        try {
            return new XmlCursor(reader, buf, off, len, limits, startDepth);
        } catch (MalformedXmlException e) {
            XmlCursor.closeQuietly(reader);
            throw e;
        }
    }

    private void checkFrameSize(int len) throws FrameTooLongException {
        if (len > limits.maxFrameBytes()) {
            throw new FrameTooLongException("XML of " + len + " bytes exceeds the limit of " + limits.maxFrameBytes());
        }
    }

    private static boolean isXmlSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static MalformedXmlException malformed(XMLStreamException e) {
        return new MalformedXmlException("not well-formed XML: " + e.getMessage(), e);
    }
}
