/**
 * Owner-only directories and files for a node's data directory.
 */
package org.kizuna.store.files;
