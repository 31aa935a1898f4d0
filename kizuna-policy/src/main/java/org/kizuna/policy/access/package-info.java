/**
 * Clearances, the access decision of reference §1.3, translation through policy equivalences and the dominant-label rule.
 */
package org.kizuna.policy.access;
