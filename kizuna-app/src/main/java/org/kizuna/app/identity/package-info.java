/**
 * Uid ownership on a running node ({@link org.kizuna.app.identity.NodeUidBindings}: the bindings
 * and their journal) and {@code kizuna uid release|list}.
 */
package org.kizuna.app.identity;
