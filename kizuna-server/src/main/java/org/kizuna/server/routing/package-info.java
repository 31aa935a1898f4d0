/**
 * Who receives what: group reachability, {@code <marti><dest>}, the latest picture, and the seams for the release guard and the history store.
 */
package org.kizuna.server.routing;
