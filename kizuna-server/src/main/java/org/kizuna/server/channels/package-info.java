/**
 * TAK "channels": which of its groups a client has active. The choice narrows the groups its
 * streaming sessions are routed by (never widens them); it is made through
 * {@code PUT /Marti/api/groups/active} or a {@code t-x-g-c} the client sends, and every change is
 * announced to the client's sessions with a {@code t-x-g-c} notice, as TAK Server does.
 */
package org.kizuna.server.channels;
