/**
 * The Netty pipeline of a streaming connection: framing and decoding adapters, the session handler, protocol negotiation.
 */
package org.kizuna.server.stream;
