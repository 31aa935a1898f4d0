/**
 * Connected clients: identity, groups (IN/OUT), wire format and the bounded outbound queue of each session.
 */
package org.kizuna.server.session;
