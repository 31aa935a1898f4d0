/**
 * The streaming server of a node: {@link org.kizuna.server.KizunaServer} is the entry point; configuration in {@link org.kizuna.server.ServerConfig}; counters in {@link org.kizuna.server.ServerMetrics}.
 */
package org.kizuna.server;
