/** The Marti REST endpoints TAK clients call on 8443, in TAK Server's JSON shapes. */
package org.kizuna.server.http.marti;
