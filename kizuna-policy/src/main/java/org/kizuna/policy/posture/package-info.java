/**
 * Postures: versioned, changed by two different admins, with expiry and reversion.
 */
package org.kizuna.policy.posture;
