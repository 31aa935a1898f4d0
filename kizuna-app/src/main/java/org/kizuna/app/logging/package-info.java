/**
 * The node's log format: one line per record whatever the wire put into a message.
 */
package org.kizuna.app.logging;
