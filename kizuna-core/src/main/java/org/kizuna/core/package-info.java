/**
 * The transport-free core of a node: who publishes what (identities bound to the uids they
 * publish), the router and the latest picture, the routed event handed to every sink, and the one
 * release boundary that every outbound edge asks at the moment it sends. Streaming, the web API and
 * federation depend on this module, not on each other.
 */
package org.kizuna.core;
