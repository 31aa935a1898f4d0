/**
 * The append-only, hash-chained audit log and its offline verifier.
 */
package org.kizuna.store.audit;
