/**
 * The append-only audit log, chained by HMAC under the node's key (kept outside the audit
 * directory), its anchors and its offline verifier.
 */
package org.kizuna.store.audit;
