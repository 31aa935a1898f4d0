/**
 * The release guard: posture release rules, obligations (strip, coarsen, drop identity, delay) and the decision cache.
 */
package org.kizuna.policy.release;
