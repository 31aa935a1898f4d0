package org.kizuna.cot.xml;

import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;

/** STUB — to be implemented. Reads one XML frame into a {@link CotEvent}. Thread-safe. */
public final class CotXmlReader {

    public CotXmlReader(CotLimits limits) {
    }

    public CotEvent read(byte[] frame) throws CotDecodeException {
        return read(frame, 0, frame.length);
    }

    public CotEvent read(byte[] buf, int off, int len) throws CotDecodeException {
        throw new UnsupportedOperationException("stub");
    }

    /** Parses the inner XML of a {@code <detail>} (its children, concatenated). */
    public Detail readDetailContent(String innerXml) throws CotDecodeException {
        throw new UnsupportedOperationException("stub");
    }
}
