/**
 * The PKI of a Kizuna node: a certificate authority, TLS server and client certificates, PEM and
 * PKCS#12 files, and the data packages TAK clients import to connect.
 *
 * <p>Entry points: {@link org.kizuna.pki.NodePki} for the on-disk layout the server and the
 * {@code kizuna pki} command use; {@link org.kizuna.pki.CertificateAuthority} for certificates
 * in memory (tests mint CAs, expired and foreign certificates with it);
 * {@link org.kizuna.pki.NodeRevocations} for the register of issued certificates and the CRL;
 * {@link org.kizuna.pki.Pem}, {@link org.kizuna.pki.Pkcs12} and
 * {@link org.kizuna.pki.TakConnectionPackage} for the file formats.
 */
package org.kizuna.pki;
