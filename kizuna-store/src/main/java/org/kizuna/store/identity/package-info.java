/**
 * The durable uid bindings: an append-only text journal ({@code DATA/identity/uid-bindings.log})
 * shared by the running node and {@code kizuna uid} through a file lock, replayed at start and
 * compacted by atomic rename.
 */
package org.kizuna.store.identity;
