/**
 * {@code kizuna serve}: one node wired by hand in {@link org.kizuna.app.serve.RunningNode}.
 */
package org.kizuna.app.serve;
