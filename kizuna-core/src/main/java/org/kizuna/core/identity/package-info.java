/**
 * Who may publish a uid: each uid is bound to the identity (owner name) that first published it
 * on this node, and only that identity may update or delete it. {@link org.kizuna.core.identity.UidBindings}
 * answers on the event loops without blocking; a {@link org.kizuna.core.identity.BindingJournal}
 * makes new bindings and releases durable off the event loop.
 *
 * <p>Owner names: a certificate's common name ({@code demo-alpha}), {@code web:NAME} for a web
 * account, {@code anonymous} for every plain-TCP client (one shared owner), {@code partner:NODEID}
 * for a federation partner.
 */
package org.kizuna.core.identity;
