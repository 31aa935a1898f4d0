/**
 * The node's HTTP(S) API on Netty's HTTP codecs: the same event loops, TLS provider and node
 * certificate as the streaming port. {@link org.kizuna.server.http.WebApi} is the entry point;
 * {@code auth} holds browser accounts and sessions, {@code cop} the picture, history, chat and live
 * feed, {@code marti} the TAK client endpoints.
 */
package org.kizuna.server.http;
