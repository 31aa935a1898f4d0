/**
 * The release boundary at the edge to partner nodes, transport-free: the seams federation links
 * call ({@link org.kizuna.core.federation.PartnerRelease} when an event is queued for a partner and
 * again when the link sends it, {@link org.kizuna.core.federation.InboundLabelling} when a
 * partner's event arrives) and the guard behind them, which decides with the same release guard,
 * applier and audit as local recipients.
 */
package org.kizuna.core.federation;
