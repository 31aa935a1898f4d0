package org.kizuna.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The PKI of one node as files under its data directory:
 *
 * <pre>
 * DATA/pki/                       rwx------
 *   ca.pem                        CA certificate: give it to partners and clients
 *   ca.key.pem          rw------- CA private key (PKCS#8): whoever holds it can mint identities
 *   server.pem                    server certificate followed by the CA (the TLS chain)
 *   server.key.pem      rw------- server private key (PKCS#8)
 *   truststore.p12                the CA as a PKCS#12 trust store, password "atakatak"
 *   issued.tsv          rw------- every certificate issued, one line each (see {@link IssuedCertificates})
 *   crl.pem             rw------- the CA's revocation list, once something was revoked (see {@link NodeRevocations})
 *   clients/                      rwx------
 *     NAME.pem                    client certificate
 *     NAME.key.pem      rw------- client private key (PKCS#8)
 *     NAME.p12          rw------- client key and chain, for TAK clients
 *     NAME-package.zip  rw------- data package: import it in ATAK/iTAK/WinTAK and it connects
 * </pre>
 *
 * <p>Nothing is ever overwritten: {@link #init} refuses when a CA exists, {@link #issueClient}
 * when the client has files. New certificates are dated an hour back because field devices often
 * run with a skewed clock. Validity: CA ten years, server two years (Apple platforms, and so
 * iTAK, reject TLS server certificates valid for more than 825 days), clients one year.
 *
 * <pre>{@code
 * NodePki pki = NodePki.in(Path.of("data"));
 * pki.init("tokyo", List.of("tak.example.jp", "10.0.0.5"));
 * NodePki.ClientFiles alice = pki.issueClient("alice", "atakatak".toCharArray(), "tak.example.jp", 8089);
 * // hand alice.dataPackage() to Alice
 * }</pre>
 */
public final class NodePki {

    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    public static final Duration CLIENT_VALIDITY = Duration.ofDays(365);

    private final Path directory;

    private NodePki(Path directory) {
        this.directory = directory;
    }

    /** The PKI of the node whose data directory is {@code dataDir} (files live in {@code dataDir/pki}). */
    public static NodePki in(Path dataDir) {
        return new NodePki(dataDir.resolve("pki"));
    }

    /**
     * The files {@link #issueClient} wrote for one client.
     *
     * @param certificate the issued certificate, key and chain
     * @param dataPackage the zip to hand to the user
     * @param server      the address written into the data package
     */
    public record ClientFiles(IssuedCertificate certificate, Path certificateFile, Path privateKeyFile,
                              Path keyStoreFile, Path dataPackage, TakServerEndpoint server) {
    }

    public Path directory() {
        return directory;
    }

    public Path caCertificateFile() {
        return directory.resolve("ca.pem");
    }

    public Path caPrivateKeyFile() {
        return directory.resolve("ca.key.pem");
    }

    public Path serverCertificateFile() {
        return directory.resolve("server.pem");
    }

    public Path serverPrivateKeyFile() {
        return directory.resolve("server.key.pem");
    }

    public Path trustStoreFile() {
        return directory.resolve("truststore.p12");
    }

    /** The register of issued certificates ({@link IssuedCertificates}). */
    public Path issuedFile() {
        return directory.resolve(IssuedCertificates.FILE_NAME);
    }

    /** The CA's certificate revocation list; absent until the first revocation. */
    public Path crlFile() {
        return directory.resolve("crl.pem");
    }

    public Path clientsDirectory() {
        return directory.resolve("clients");
    }

    /** Whether a CA (certificate or key) is already on disk. */
    public boolean isInitialized() {
        return Files.exists(caCertificateFile()) || Files.exists(caPrivateKeyFile());
    }

    /**
     * Creates the node's CA, server certificate and trust store.
     *
     * @param nodeName the node's name: server certificate CN, and the name clients see
     * @param hosts    DNS names and IP addresses the server is reached by, most public first:
     *                 the first one is what client data packages point to by default
     * @return the server certificate
     * @throws PkiException if a CA already exists here
     */
    public IssuedCertificate init(String nodeName, List<String> hosts) throws IOException {
        FileNames.requireSafe("node name", nodeName);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("the server certificate needs at least one host name or IP address");
        }
        if (isInitialized()) {
            throw new PkiException("a CA already exists in " + directory + "; refusing to replace it, because every "
                    + "certificate issued so far depends on it. To start over, move " + directory + " away first.");
        }
        Instant now = Instant.now();
        CertificateAuthority ca = CertificateAuthority.create(nodeName + " Kizuna CA",
                now.minus(CertificateAuthority.BACKDATE), now.plus(CA_VALIDITY));
        IssuedCertificate server = ca.issueServerForHosts(nodeName, hosts,
                now.minus(CertificateAuthority.BACKDATE), now.plus(SERVER_VALIDITY));

        PkiFiles.createPrivateDirectory(directory);
        // The CA key goes first: CREATE_NEW on it is what makes two concurrent inits safe.
        PkiFiles.writeSecret(caPrivateKeyFile(), Pem.encodePrivateKey(ca.privateKey()));
        PkiFiles.writePublic(caCertificateFile(), Pem.encodeCertificates(List.of(ca.certificate())));
        PkiFiles.writeSecret(serverPrivateKeyFile(), Pem.encodePrivateKey(server.privateKey()));
        PkiFiles.writePublic(serverCertificateFile(), Pem.encodeCertificates(server.chain()));
        PkiFiles.writePublic(trustStoreFile(),
                Pkcs12.trustStore(List.of(ca.certificate()), Pkcs12.DEFAULT_PASSWORD.toCharArray()));
        IssuedCertificates.append(issuedFile(), IssuedCertificates.Entry.of(server.certificate(), IssuedCertificates.SERVER));
        return server;
    }

    /** The CA certificate alone: exporting it for partners needs no access to the CA key. */
    public X509Certificate caCertificate() throws IOException {
        requireInitialized();
        List<X509Certificate> certificates = Pem.readCertificates(caCertificateFile());
        if (certificates.isEmpty()) {
            throw new PkiException(caCertificateFile() + " holds no certificate");
        }
        return certificates.get(0);
    }

    /** The node's CA, for issuing certificates. */
    public CertificateAuthority loadCa() throws IOException {
        requireInitialized();
        return CertificateAuthority.load(caCertificateFile(), caPrivateKeyFile());
    }

    /** The server's TLS identity: key and chain (server certificate, then CA). */
    public IssuedCertificate loadServer() throws IOException {
        requireInitialized();
        List<X509Certificate> chain = Pem.readCertificates(serverCertificateFile());
        if (chain.isEmpty()) {
            throw new PkiException(serverCertificateFile() + " holds no certificate");
        }
        PrivateKey key = Pem.readPrivateKey(serverPrivateKeyFile());
        if (!CertificateAuthority.keyBelongsTo(key, chain.get(0))) {
            throw new PkiException(serverPrivateKeyFile() + " is not the key of " + serverCertificateFile());
        }
        return new IssuedCertificate(chain.get(0), key, chain);
    }

    /** The node name: the server certificate's CN. */
    public String nodeName() throws IOException {
        return loadServer().commonName();
    }

    /** The server certificate's DNS names and IP addresses, in certificate order. */
    public List<String> serverHosts() throws IOException {
        X509Certificate server = loadServer().certificate();
        List<String> hosts = new ArrayList<>();
        try {
            Collection<List<?>> names = server.getSubjectAlternativeNames();
            if (names != null) {
                names.forEach(name -> hosts.add(String.valueOf(name.get(1))));
            }
        } catch (CertificateParsingException e) {
            throw new PkiException(serverCertificateFile() + " has an unreadable subjectAltName: " + e.getMessage(), e);
        }
        return hosts;
    }

    /**
     * Issues a client certificate and writes its four files (see the class comment).
     *
     * @param name       the user's name: certificate CN and file names
     * @param password   password of the client {@code .p12}; {@code null} means "atakatak"
     * @param serverHost the address written into the data package; {@code null} means the server
     *                   certificate's first host
     * @param port       the TLS streaming port written into the data package
     * @throws PkiException if the node has no CA yet or the client already has files
     */
    public ClientFiles issueClient(String name, char[] password, String serverHost, int port) throws IOException {
        FileNames.requireSafe("client name", name);
        char[] storePassword = password == null ? Pkcs12.DEFAULT_PASSWORD.toCharArray() : password;
        if (storePassword.length == 0) {
            throw new IllegalArgumentException("the client .p12 password must not be empty: TAK clients require one");
        }
        CertificateAuthority ca = loadCa();
        TakServerEndpoint server = new TakServerEndpoint(nodeName(),
                serverHost == null ? firstServerHost() : serverHost, port);
        Path certificateFile = clientsDirectory().resolve(name + ".pem");
        Path keyFile = clientsDirectory().resolve(name + ".key.pem");
        Path keyStoreFile = clientsDirectory().resolve(name + ".p12");
        Path packageFile = clientsDirectory().resolve(name + "-package.zip");
        for (Path file : List.of(certificateFile, keyFile, keyStoreFile, packageFile)) {
            if (Files.exists(file)) {
                throw new PkiException("client '" + name + "' already has files in " + clientsDirectory()
                        + " (" + file.getFileName() + "); delete " + name + ".* there to issue a new certificate");
            }
        }

        Instant now = Instant.now();
        IssuedCertificate issued = ca.issueClient(name, now.minus(CertificateAuthority.BACKDATE),
                earliest(now.plus(CLIENT_VALIDITY), ca.certificate().getNotAfter().toInstant()));
        byte[] keyStore = Pkcs12.keyStore(issued, name, storePassword);
        byte[] dataPackage = new TakConnectionPackage(server, name,
                Pkcs12.trustStore(List.of(ca.certificate()), Pkcs12.DEFAULT_PASSWORD.toCharArray()),
                Pkcs12.DEFAULT_PASSWORD, keyStore, new String(storePassword)).toZip();

        // Registered before any file exists: a certificate that left this method is always revocable.
        IssuedCertificates.append(issuedFile(), IssuedCertificates.Entry.of(issued.certificate(), IssuedCertificates.CLIENT));
        PkiFiles.createPrivateDirectory(clientsDirectory());
        PkiFiles.writeSecret(keyFile, Pem.encodePrivateKey(issued.privateKey()));
        PkiFiles.writePublic(certificateFile, Pem.encodeCertificates(List.of(issued.certificate())));
        PkiFiles.writeSecret(keyStoreFile, keyStore);
        PkiFiles.writeSecret(packageFile, dataPackage);
        return new ClientFiles(issued, certificateFile, keyFile, keyStoreFile, packageFile, server);
    }

    /**
     * Signs a client certificate for {@code publicKey} with the subject {@code CN=name}, valid for
     * {@link #CLIENT_VALIDITY} (cut short at the CA's end), and registers it in {@code issued.tsv}
     * as {@link IssuedCertificates#ENROLLED} before returning it, so it is listed and revocable.
     * No file is written: the key stays on the device.
     */
    public X509Certificate enroll(String name, PublicKey publicKey) throws IOException {
        FileNames.requireSafe("client name", name);
        CertificateAuthority ca = loadCa();
        Instant now = Instant.now();
        X509Certificate signed = ca.signClient(name, publicKey, now.minus(CertificateAuthority.BACKDATE),
                earliest(now.plus(CLIENT_VALIDITY), ca.certificate().getNotAfter().toInstant()));
        IssuedCertificates.append(issuedFile(), IssuedCertificates.Entry.of(signed, IssuedCertificates.ENROLLED));
        return signed;
    }

    /**
     * The enrollment data package for {@code name}: the server at {@code serverHost:port} (null:
     * the server certificate's first host) and the CA trust store, no client key.
     */
    public byte[] enrollmentPackage(String name, String serverHost, int port) throws IOException {
        TakServerEndpoint server = new TakServerEndpoint(nodeName(),
                serverHost == null ? firstServerHost() : serverHost, port);
        return TakConnectionPackage.enrollment(server, name,
                Pkcs12.trustStore(List.of(caCertificate()), Pkcs12.DEFAULT_PASSWORD.toCharArray()),
                Pkcs12.DEFAULT_PASSWORD).toZip();
    }

    private String firstServerHost() throws IOException {
        return serverHosts().stream().findFirst().orElseThrow(() -> new PkiException(
                serverCertificateFile() + " names no host; pass the server address explicitly"));
    }

    private void requireInitialized() {
        if (!Files.exists(caCertificateFile()) || !Files.exists(caPrivateKeyFile())) {
            throw new PkiException("no CA in " + directory + " (ca.pem and ca.key.pem); initialise the node PKI first "
                    + "with 'kizuna pki init'");
        }
    }

    /** Near the end of the CA's life a client certificate is cut short rather than refused. */
    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return "NodePki[" + Objects.toString(directory) + "]";
    }
}
