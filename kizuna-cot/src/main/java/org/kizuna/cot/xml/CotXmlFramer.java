package org.kizuna.cot.xml;

import java.util.function.Consumer;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;

/** STUB — to be implemented. Splits an XML CoT stream into frames ending with {@code </event>}. */
public final class CotXmlFramer {

    public CotXmlFramer(int maxFrameBytes) {
    }

    public void feed(byte[] data, int off, int len, Consumer<byte[]> frames) throws FrameTooLongException {
        throw new UnsupportedOperationException("stub");
    }

    /** Bytes held for a frame not yet complete. */
    public int buffered() {
        return 0;
    }
}
