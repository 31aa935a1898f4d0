/** Local accounts of browser users, kept in the node's database next to its history. */
package org.kizuna.store.account;
