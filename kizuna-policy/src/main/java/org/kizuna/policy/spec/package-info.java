/**
 * A node's security policy (a small SPIF) read from YAML, and banner and portion markings rendered from it.
 */
package org.kizuna.policy.spec;
