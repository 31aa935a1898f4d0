/**
 * Certificate enrollment (port 8446): TAK clients trade a web account's name and password for a
 * client certificate signed by the node CA. See {@link org.kizuna.server.http.enroll.EnrollmentApi}.
 */
package org.kizuna.server.http.enroll;
