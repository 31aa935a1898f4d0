/**
 * {@code kizuna audit}: offline verification and anchors of the keyed audit log, and how the
 * commands find the node's audit key.
 */
package org.kizuna.app.audit;
