package org.kizuna.cot.proto;

import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.wire.TakProtocol.TakMessage;

/** STUB — to be implemented. TAK protocol v1 {@code TakMessage} bytes to and from the model. */
public final class TakProtoCodec {

    public TakProtoCodec(CotLimits limits) {
    }

    public CotEvent decode(byte[] message) throws CotDecodeException {
        return decode(message, 0, message.length);
    }

    public CotEvent decode(byte[] buf, int off, int len) throws CotDecodeException {
        throw new UnsupportedOperationException("stub");
    }

    public byte[] encode(CotEvent event) {
        return toProto(event).toByteArray();
    }

    public TakMessage toProto(CotEvent event) {
        throw new UnsupportedOperationException("stub");
    }

    public CotEvent fromProto(TakMessage message) throws CotDecodeException {
        throw new UnsupportedOperationException("stub");
    }
}
