package org.kizuna.cot.proto;

import java.util.Arrays;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;

/**
 * The TAK protocol v1 mesh header that wraps one {@code TakMessage} in a UDP datagram (unicast or
 * multicast SA). A datagram is exactly one message, so there is no length.
 *
 * <pre>
 *   +------+-----------------+------+-------------------------------+
 *   | 0xbf | version varint  | 0xbf | TakMessage (rest of datagram) |
 *   |      | (1 = 0x01)      |      |                               |
 *   +------+-----------------+------+-------------------------------+
 *
 *   bf 01 bf 0a 01 41   →   payload 0a 01 41
 * </pre>
 *
 * <p>The same UDP inputs also carry plain XML CoT, told apart by the first byte: {@code '<'} means
 * XML, as in TAK Server. Callers check {@link #isXml} first and send XML datagrams to the XML
 * decoder; {@link #unwrap} refuses them with a message that says so, rather than a vague "bad
 * magic".
 *
 * <p>{@code bf 01 bf} with nothing after it unwraps to an empty payload, as the stream framer does
 * for a zero length: an empty {@code TakMessage} is valid protobuf and the codec decides about it.
 */
public final class TakMeshFrame {

    /** The only protocol version TAK clients and TAK Server speak. */
    public static final int VERSION = 1;

    private static final byte MAGIC = TakStreamFramer.MAGIC;
    private static final byte[] HEADER = {MAGIC, (byte) VERSION, MAGIC};

    private TakMeshFrame() {
    }

    /** Prefixes one serialized {@code TakMessage} with {@code bf 01 bf}. */
    public static byte[] wrap(byte[] payload) {
        byte[] datagram = Arrays.copyOf(HEADER, HEADER.length + payload.length);
        System.arraycopy(payload, 0, datagram, HEADER.length, payload.length);
        return datagram;
    }

    /** Whether a datagram carries XML CoT rather than TAK protocol: its first byte is {@code '<'}. */
    public static boolean isXml(byte[] datagram) {
        return datagram.length > 0 && datagram[0] == '<';
    }

    /**
     * Checks the mesh header and returns the {@code TakMessage} bytes after it, as a fresh array.
     *
     * @throws BadProtobufException if the datagram is XML, too short, lacks either magic byte, or
     *                              names a version other than 1
     */
    public static byte[] unwrap(byte[] datagram) throws CotDecodeException {
        if (isXml(datagram)) {
            throw new BadProtobufException("datagram is XML CoT, not TAK protocol (check isXml first)");
        }
        if (datagram.length == 0 || datagram[0] != MAGIC) {
            throw new BadProtobufException("datagram does not start with TAK magic 0xbf");
        }
        Varint version = new Varint();
        int at = 1;
        boolean complete = false;
        while (!complete && at < datagram.length) {
            complete = version.offer(datagram[at++]);
        }
        if (!complete) {
            throw new BadProtobufException("datagram ends inside the TAK protocol version");
        }
        if (version.value() != VERSION) {
            throw new BadProtobufException("unsupported TAK protocol version " + version.value());
        }
        if (at >= datagram.length || datagram[at] != MAGIC) {
            throw new BadProtobufException("TAK mesh header lacks the 0xbf after the version");
        }
        return Arrays.copyOfRange(datagram, at + 1, datagram.length);
    }
}
