package org.kizuna.server.stream;

import org.kizuna.cot.CotDecodeException;

/**
 * A frame that could not become an event, passed down the pipeline so the session handler can
 * count it, log it and decide whether the connection survives.
 *
 * @param fatal true when the stream itself is broken (framing lost), so the connection must close
 */
record DecodeFailure(CotDecodeException error, boolean fatal) {
}
