/**
 * TLS for the streaming listener: the node certificate and the node CA as the only trust anchor for clients.
 */
package org.kizuna.server.tls;
