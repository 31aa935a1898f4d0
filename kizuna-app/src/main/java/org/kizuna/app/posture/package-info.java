/**
 * {@code kizuna posture}: two-person posture changes, kept in {@code DATA/policy/posture.json} and audited.
 */
package org.kizuna.app.posture;
