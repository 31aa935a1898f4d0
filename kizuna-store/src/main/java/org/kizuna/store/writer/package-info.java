/**
 * The batched writer: producers (Netty event loops) only enqueue; one named thread commits what
 * has queued up in one transaction per batch. Position reports may be sampled when the database
 * falls behind; chat never is, and its future completes only once it is committed.
 */
package org.kizuna.store.writer;
