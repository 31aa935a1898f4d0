/**
 * Events the server itself generates: protocol offer and response, pong, disconnect notice.
 */
package org.kizuna.server.control;
