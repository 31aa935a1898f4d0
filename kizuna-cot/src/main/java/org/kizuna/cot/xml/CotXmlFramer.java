package org.kizuna.cot.xml;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;

/**
 * Splits an XML CoT stream (TCP or TLS, before or without TAK protocol negotiation) into one frame
 * per {@code <event>}. Bytes may arrive in chunks of any size and be split at any byte; each frame
 * is handed out whole as a fresh array the caller owns. This is a framer, not a parser: it finds
 * where an event starts and ends, and leaves well-formedness to {@link CotXmlReader}.
 *
 * <h2>Frame detection</h2>
 * <pre>
 *   stream:  &lt;?xml version="1.0"?&gt;\n&lt;event uid="a"&gt;...&lt;/event&gt;\r\n junk &lt;event uid="b"/&gt;
 *            └──── skipped ────────┘└────── frame 1 ──────────┘└ skipped ┘└── frame 2 ────┘
 * </pre>
 * <ul>
 *   <li>A frame starts at {@code <event} followed by whitespace, {@code >} or {@code /}; so
 *       {@code <events>} or {@code <eventx>} do not start one.
 *   <li>Everything outside frames is skipped and never buffered: newlines, keep-alive bytes, and
 *       the XML declaration that TAK clients put before each event. Frames therefore start at
 *       {@code <event}, without the declaration; the reader parses them as UTF-8, which is what
 *       TAK clients send (a declaration naming another encoding is dropped with the rest).
 *   <li>A frame ends at the first {@code </event>} (or {@code </event  >}: XML allows whitespace
 *       before the {@code >}). Like TAK Server, the framer does not count nesting, and does not
 *       know about comments or CDATA: a literal {@code </event>} inside either ends the frame
 *       early, the reader rejects that frame, and the rest up to the next {@code <event} is
 *       skipped. TAK clients never send either.
 *   <li>A self-closing {@code <event .../>} is a frame of its own. TAK never sends one, and the
 *       reader will reject it (an event needs a point); but ending it at the {@code />} keeps it
 *       from swallowing the next event, as waiting for a {@code </event>} would. Telling
 *       {@code />} from a {@code >} inside an attribute value needs the quotes tracked, and that
 *       is all the framer knows about attributes.
 * </ul>
 * The only state kept between frames is how much of {@code <event} the last chunk ended with,
 * so a stream of garbage costs no memory.
 *
 * <h2>Limit</h2>
 * A frame longer than {@code maxFrameBytes} throws {@link FrameTooLongException} as soon as its
 * first byte past the limit is seen, whether that byte arrives in a later chunk or in the same one;
 * no more than the limit is ever held. The framer then drops what it held; the caller is expected
 * to close the connection.
 *
 * <h2>Pitfalls</h2>
 * One instance per connection: it holds the partial frame, and is not thread-safe.
 */
public final class CotXmlFramer {

    /** The smallest possible frame, {@code <event/>}; a lower limit could never pass a frame. */
    public static final int MIN_FRAME_BYTES = 8;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] OPEN = {'<', 'e', 'v', 'e', 'n', 't'};
    private static final byte[] CLOSE = {'<', '/', 'e', 'v', 'e', 'n', 't'};
    /** Buffers grown past this are dropped after their frame, so that idle connections stay small. */
    private static final int RETAINED_CAPACITY = 8 * 1024;
    private static final int INITIAL_CAPACITY = 512;

    private enum Phase {
        /** Outside a frame; {@code matched} bytes of {@code <event} seen. */
        SEEK,
        /** Inside the {@code <event ...>} start tag; {@code quote} and {@code afterSlash} apply. */
        START_TAG,
        /** After the start tag; {@code matched} bytes of {@code </event} seen. */
        CONTENT
    }

    private final int maxFrameBytes;
    private Phase phase = Phase.SEEK;
    /** Bytes of OPEN (SEEK) or CLOSE (CONTENT) matched; CLOSE.length also covers trailing spaces. */
    private int matched;
    /** The quote character of the attribute value we are in, or 0. */
    private byte quote;
    /** Whether the last start-tag byte was an unquoted {@code /}, so that {@code >} ends the frame. */
    private boolean afterSlash;
    /** Frame bytes from earlier chunks, in {@code buf[0, held)}. */
    private byte[] buf = EMPTY;
    private int held;

    /**
     * @param maxFrameBytes largest frame accepted, in bytes, from {@code <event} to {@code </event>}
     * @throws IllegalArgumentException if below {@link #MIN_FRAME_BYTES}
     */
    public CotXmlFramer(int maxFrameBytes) {
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be >= " + MIN_FRAME_BYTES + ": " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Consumes {@code data[off, off + len)} and hands each frame it completes to {@code frames}, in
     * stream order.
     *
     * @throws FrameTooLongException if a frame grows past {@code maxFrameBytes}
     */
    public void feed(byte[] data, int off, int len, Consumer<byte[]> frames) throws FrameTooLongException {
        Objects.requireNonNull(frames, "frames");
        feedUntil(data, off, len, frame -> {
            frames.accept(frame);
            return true;
        });
    }

    /**
     * Like {@link #feed}, but stops right after a frame for which {@code frames} returns false and
     * returns the index of the first byte not consumed ({@code off + len} when it consumed all).
     * The framer is then between frames, holding nothing: the caller may hand the rest of the
     * chunk to another decoder. This is how a stream switches to TAK protocol v1 right after the
     * client's {@code t-x-takp-q}, even when protobuf bytes follow in the same read.
     *
     * @throws FrameTooLongException if a frame grows past {@code maxFrameBytes}
     */
    public int feedUntil(byte[] data, int off, int len, Predicate<byte[]> frames) throws FrameTooLongException {
        Objects.checkFromIndexSize(off, len, data.length);
        Objects.requireNonNull(frames, "frames");
        int end = off + len;
        int i = off;
        int frameStart = off; // first byte of the current frame not yet copied to buf
        while (i < end) {
            if (phase == Phase.SEEK) {
                i = seekStart(data, i, end);
                if (phase != Phase.SEEK) {
                    frameStart = holdOpenPrefix(off, i);
                }
                continue;
            }
            int room = maxFrameBytes - held - (i - frameStart);
            int stop = end - i <= room ? end : i + room;
            i = phase == Phase.START_TAG ? scanStartTag(data, i, stop) : scanContent(data, i, stop);
            if (phase == Phase.SEEK) {
                if (!emit(data, frameStart, i, frames)) {
                    return i;
                }
            } else if (i == stop && stop < end) {
                int seen = held + (i - frameStart);
                reset();
                throw new FrameTooLongException(
                        "CoT event longer than " + maxFrameBytes + " bytes (" + seen + " seen, not ended)");
            }
        }
        if (phase != Phase.SEEK) {
            hold(data, frameStart, end);
        }
        return end;
    }

    /**
     * Bytes held for a frame not yet complete, including a partial {@code <event} at the end of
     * the last chunk; never above {@code maxFrameBytes}.
     */
    public int buffered() {
        return phase == Phase.SEEK ? matched : held;
    }

    /** Scans for {@code <event} plus a delimiter; returns the index after it, or {@code end}. */
    private int seekStart(byte[] data, int i, int end) {
        while (i < end) {
            if (matched == 0) {
                i = indexOfLt(data, i, end);
                if (i == end) {
                    return end;
                }
            }
            byte b = data[i++];
            if (matched < OPEN.length) {
                matched = b == OPEN[matched] ? matched + 1 : restart(b);
            } else if (b == '>' || b == '/' || isXmlSpace(b)) {
                matched = 0;
                phase = b == '>' ? Phase.CONTENT : Phase.START_TAG;
                quote = 0;
                afterSlash = b == '/';
                return i;
            } else {
                matched = restart(b);
            }
        }
        return end;
    }

    /**
     * A frame began just before {@code i}, with {@code <event} and its delimiter. Those 7 bytes
     * may have started in earlier chunks; that part is a prefix of {@code <event}, so it is
     * written to the buffer from the constant rather than kept around while seeking.
     *
     * @return where the frame's bytes in this chunk start
     */
    private int holdOpenPrefix(int off, int i) {
        int frameStart = i - OPEN.length - 1;
        if (frameStart >= off) {
            return frameStart;
        }
        int fromEarlier = off - frameStart;
        ensureCapacity(fromEarlier);
        System.arraycopy(OPEN, 0, buf, 0, fromEarlier);
        held = fromEarlier;
        return off;
    }

    /** Scans the start tag up to its {@code >}; a {@code />} there completes the frame. */
    private int scanStartTag(byte[] data, int i, int stop) {
        while (i < stop) {
            byte b = data[i++];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
                afterSlash = false;
            } else if (b == '>') {
                phase = afterSlash ? Phase.SEEK : Phase.CONTENT;
                matched = 0;
                return i;
            } else {
                afterSlash = b == '/';
            }
        }
        return i;
    }

    /** Scans for {@code </event} and optional whitespace and {@code >}; then the frame is complete. */
    private int scanContent(byte[] data, int i, int stop) {
        while (i < stop) {
            if (matched == 0) {
                i = indexOfLt(data, i, stop);
                if (i == stop) {
                    return stop;
                }
            }
            byte b = data[i++];
            if (matched < CLOSE.length) {
                matched = b == CLOSE[matched] ? matched + 1 : restart(b);
            } else if (b == '>') {
                matched = 0;
                phase = Phase.SEEK;
                return i;
            } else if (!isXmlSpace(b)) {
                matched = restart(b);
            }
        }
        return i;
    }

    /** After a mismatch: {@code <} appears only first in OPEN and CLOSE, so it is the only restart. */
    private static int restart(byte b) {
        return b == '<' ? 1 : 0;
    }

    private static int indexOfLt(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == '<') {
                return i;
            }
        }
        return to;
    }

    private static boolean isXmlSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private boolean emit(byte[] data, int from, int to, Predicate<byte[]> frames) {
        byte[] frame;
        if (held == 0) {
            frame = Arrays.copyOfRange(data, from, to);
        } else {
            frame = Arrays.copyOf(buf, held + (to - from));
            System.arraycopy(data, from, frame, held, to - from);
        }
        held = 0;
        if (buf.length > RETAINED_CAPACITY) {
            buf = EMPTY;
        }
        return frames.test(frame);
    }

    /** Keeps the unfinished frame's bytes of this chunk; feed has checked them against the limit. */
    private void hold(byte[] data, int from, int to) {
        ensureCapacity(held + (to - from));
        System.arraycopy(data, from, buf, held, to - from);
        held += to - from;
    }

    private void ensureCapacity(int needed) {
        if (needed > buf.length) {
            int doubled = Math.max(INITIAL_CAPACITY, buf.length * 2);
            buf = Arrays.copyOf(buf, Math.min(maxFrameBytes, Math.max(needed, doubled)));
        }
    }

    private void reset() {
        phase = Phase.SEEK;
        matched = 0;
        quote = 0;
        afterSlash = false;
        held = 0;
        buf = EMPTY;
    }
}
