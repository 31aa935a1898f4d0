/**
 * {@code kizuna demo}: a development node with its own PKI and a simulator publishing scenario units over TLS.
 */
package org.kizuna.app.demo;
