/** {@code kizuna user}: browser accounts of the web COP, kept in the node's database. */
package org.kizuna.app.user;
