/**
 * The JSON form of events for browsers: one shape shared by the REST answers and the live feed,
 * so the web client parses one thing.
 */
package org.kizuna.core.json;
