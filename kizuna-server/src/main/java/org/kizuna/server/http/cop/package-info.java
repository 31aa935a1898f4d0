/**
 * The picture for browsers: current contacts, history, tracks, chat and the live feed. Every answer
 * goes through the router's own visibility decision or the store's group filter, never a
 * filter of the web client's.
 */
package org.kizuna.server.http.cop;
