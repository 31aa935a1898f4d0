/**
 * Browser users: password hashing (Argon2id), login sessions with CSRF tokens, login rate limits
 * and the login/logout/me endpoints.
 */
package org.kizuna.server.http.auth;
