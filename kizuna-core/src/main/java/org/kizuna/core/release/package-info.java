/**
 * The release guard behind the router: labels at ingest, clearances of clients, decisions and obligations per recipient.
 */
package org.kizuna.core.release;
