package org.kizuna.cot.xml;

import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;

/** STUB — to be implemented. Writes events as XML without a declaration. */
public final class CotXmlWriter {

    private CotXmlWriter() {
    }

    public static byte[] toBytes(CotEvent event) {
        throw new UnsupportedOperationException("stub");
    }

    public static String toXml(CotEvent event) {
        throw new UnsupportedOperationException("stub");
    }

    /** The inner XML of {@code <detail>}: typed elements, then the unknown ones verbatim. */
    public static String detailContent(Detail detail) {
        throw new UnsupportedOperationException("stub");
    }
}
