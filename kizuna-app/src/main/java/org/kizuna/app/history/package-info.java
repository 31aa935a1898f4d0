/**
 * The node's history: the store and writer wired to the server's {@code HistorySink}, the picture
 * restored at start, and the {@code kizuna history} and {@code kizuna replay} commands.
 */
package org.kizuna.app.history;
