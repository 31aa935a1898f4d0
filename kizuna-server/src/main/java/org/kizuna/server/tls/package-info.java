/**
 * TLS for the node's listeners: the node certificate, the node CA as the only trust anchor for
 * clients, and the node's certificate revocation list, checked at every handshake and applied to
 * open connections when it changes ({@link org.kizuna.server.tls.Revocations}).
 */
package org.kizuna.server.tls;
