/** {@code kizuna enroll-qr}: QuickConnect URIs with one-time enrollment tokens, shown as QR codes. */
package org.kizuna.app.enroll;
