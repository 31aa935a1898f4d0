/**
 * {@code kizuna audit}: offline verification of the hash-chained audit log.
 */
package org.kizuna.app.audit;
