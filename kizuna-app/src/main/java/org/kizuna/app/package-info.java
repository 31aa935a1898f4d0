/**
 * The {@code kizuna} command: {@link org.kizuna.app.Kizuna} registers one subcommand per feature package.
 */
package org.kizuna.app;
