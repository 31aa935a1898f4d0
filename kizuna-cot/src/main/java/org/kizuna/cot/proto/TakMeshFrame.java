package org.kizuna.cot.proto;

import org.kizuna.cot.CotDecodeException;

/** STUB — to be implemented. TAK protocol mesh framing: 0xbf 0x01 0xbf, payload. */
public final class TakMeshFrame {

    private TakMeshFrame() {
    }

    public static byte[] wrap(byte[] payload) {
        throw new UnsupportedOperationException("stub");
    }

    public static byte[] unwrap(byte[] datagram) throws CotDecodeException {
        throw new UnsupportedOperationException("stub");
    }
}
