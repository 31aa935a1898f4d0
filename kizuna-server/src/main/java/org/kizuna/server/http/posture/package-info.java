/** The posture in the web API: read by everyone signed in, changed by admins with two-person approval. */
package org.kizuna.server.http.posture;
