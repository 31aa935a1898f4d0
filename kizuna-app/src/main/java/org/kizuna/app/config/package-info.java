/**
 * Reading {@code kizuna.yaml} and {@code DATA/clients.yaml} into an immutable {@link org.kizuna.app.config.NodeConfig}; every error names its key.
 */
package org.kizuna.app.config;
