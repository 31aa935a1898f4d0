package org.kizuna.cot.proto;

import java.util.function.Consumer;
import org.kizuna.cot.CotDecodeException;

/** STUB — to be implemented. TAK protocol streaming framing: 0xbf, varint length, payload. */
public final class TakStreamFramer {

    public static final byte MAGIC = (byte) 0xbf;

    public TakStreamFramer(int maxFrameBytes) {
    }

    public void feed(byte[] data, int off, int len, Consumer<byte[]> payloads) throws CotDecodeException {
        throw new UnsupportedOperationException("stub");
    }

    public int buffered() {
        return 0;
    }

    public static byte[] frame(byte[] payload) {
        throw new UnsupportedOperationException("stub");
    }
}
