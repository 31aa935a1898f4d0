package org.kizuna.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The data package ({@code .zip}) a TAK client imports to connect to a node in one step: the
 * server address, the node's CA as a trust store, and the user's client certificate. ATAK, iTAK
 * and WinTAK read the same layout:
 *
 * <pre>
 * MANIFEST/manifest.xml          MissionPackageManifest version 2, lists every entry below
 * certs/NODE.pref                the connection preferences
 * certs/truststore-NODE.p12      the node CA (password: trust store password)
 * certs/CLIENT-NODE.p12          the client key and chain (password: client password)
 * </pre>
 *
 * <p>The preferences set the connection both ways clients read it: per stream in
 * {@code cot_streams} ({@code connectString0}, {@code caLocation0}, {@code certificateLocation0},
 * passwords) and globally in {@code com.atakmap.app_preferences} ({@code caLocation},
 * {@code certificateLocation}, passwords), which iTAK and older ATAK use. Certificate paths are
 * written as {@code cert/FILE}: on import the client copies the {@code .p12} files into its own
 * {@code cert/} directory and resolves them there. File names carry the node name because a device
 * keeps every imported {@code .p12} in that one directory, and WinTAK mixes up servers whose
 * trust stores share a name.
 *
 * <p>The package uid is derived from node and client name, so importing a re-issued package
 * replaces the old one instead of adding a second entry. {@code onReceiveDelete} is true: the
 * zip holds a private key, and the client should not leave it lying in Downloads.
 *
 * <pre>{@code
 * byte[] zip = new TakConnectionPackage(new TakServerEndpoint("tokyo", "tak.example.jp", 8089), "alice",
 *         Pkcs12.trustStore(List.of(ca.certificate()), pw), "atakatak",
 *         Pkcs12.keyStore(alice, "alice", pw), "atakatak").toZip();
 * }</pre>
 */
public final class TakConnectionPackage {

    public static final String MANIFEST_ENTRY = "MANIFEST/manifest.xml";

    private final TakServerEndpoint server;
    private final String clientName;
    private final byte[] trustStore;
    private final String trustStorePassword;
    private final byte[] clientKeyStore;
    private final String clientPassword;

    /**
     * @param server             the node the client connects to
     * @param clientName         the user, used in file names and the package name
     * @param trustStore         PKCS#12 holding the CA certificate
     * @param trustStorePassword password of {@code trustStore}
     * @param clientKeyStore     PKCS#12 holding the client key and chain
     * @param clientPassword     password of {@code clientKeyStore}
     */
    public TakConnectionPackage(TakServerEndpoint server, String clientName, byte[] trustStore,
                                String trustStorePassword, byte[] clientKeyStore, String clientPassword) {
        this.server = Objects.requireNonNull(server, "server");
        this.clientName = FileNames.requireSafe("client name", clientName);
        this.trustStore = trustStore.clone();
        this.trustStorePassword = Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        this.clientKeyStore = clientKeyStore == null ? null : clientKeyStore.clone();
        this.clientPassword = clientKeyStore == null ? null : Objects.requireNonNull(clientPassword, "clientPassword");
    }

    /**
     * The package a client gets from the enrollment port before it has a certificate: the server
     * and the CA only, with the stream set to enroll for its certificate with the user's name and
     * password ({@code enrollForCertificateWithTrust0}, {@code useAuth0}). It holds no key.
     */
    public static TakConnectionPackage enrollment(TakServerEndpoint server, String clientName, byte[] trustStore,
                                                  String trustStorePassword) {
        return new TakConnectionPackage(server, clientName, trustStore, trustStorePassword, null, null);
    }

    /** Whether this package carries a client certificate (false: an enrollment package). */
    public boolean hasClientCertificate() {
        return clientKeyStore != null;
    }

    /** Stable per node and client: a re-issued package replaces the previous import. */
    public UUID uid() {
        return UUID.nameUUIDFromBytes(("kizuna-connection:" + server.name() + ":" + clientName)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The name the client shows for the imported package. */
    public String packageName() {
        return server.name() + " - " + clientName;
    }

    public String preferencesEntry() {
        return "certs/" + server.name() + ".pref";
    }

    public String trustStoreEntry() {
        return "certs/truststore-" + server.name() + ".p12";
    }

    public String clientKeyStoreEntry() {
        return "certs/" + clientName + "-" + server.name() + ".p12";
    }

    /** Every zip entry, manifest first, in the order they are written. */
    public List<String> entryNames() {
        return hasClientCertificate()
                ? List.of(MANIFEST_ENTRY, preferencesEntry(), trustStoreEntry(), clientKeyStoreEntry())
                : List.of(MANIFEST_ENTRY, preferencesEntry(), trustStoreEntry());
    }

    /** The zip file's bytes. */
    public byte[] toZip() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST_ENTRY, manifestXml().getBytes(StandardCharsets.UTF_8));
        entries.put(preferencesEntry(), preferencesXml().getBytes(StandardCharsets.UTF_8));
        entries.put(trustStoreEntry(), trustStore);
        if (hasClientCertificate()) {
            entries.put(clientKeyStoreEntry(), clientKeyStore);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** {@code MANIFEST/manifest.xml}: package uid and name, then every other entry as Content. */
    public String manifestXml() {
        StringBuilder xml = new StringBuilder();
        xml.append("<MissionPackageManifest version=\"2\">\n");
        xml.append("  <Configuration>\n");
        parameter(xml, "uid", uid().toString());
        parameter(xml, "name", packageName());
        parameter(xml, "onReceiveDelete", Boolean.toString(hasClientCertificate())); // only a key must not linger
        xml.append("  </Configuration>\n");
        xml.append("  <Contents>\n");
        for (String entry : entryNames().subList(1, entryNames().size())) {
            xml.append("    <Content ignore=\"false\" zipEntry=\"").append(escape(entry)).append("\"/>\n");
        }
        xml.append("  </Contents>\n");
        xml.append("</MissionPackageManifest>\n");
        return xml.toString();
    }

    /** The {@code .pref} file: the connection in {@code cot_streams} and the certificates. */
    public String preferencesXml() {
        String trustStorePath = "cert/" + fileName(trustStoreEntry());
        String clientPath = "cert/" + fileName(clientKeyStoreEntry());
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        xml.append("<preferences>\n");
        xml.append("  <preference version=\"1\" name=\"cot_streams\">\n");
        entry(xml, "count", "Integer", "1");
        entry(xml, "description0", "String", server.name());
        entry(xml, "enabled0", "Boolean", "true");
        entry(xml, "connectString0", "String", server.connectString());
        entry(xml, "caLocation0", "String", trustStorePath);
        entry(xml, "caPassword0", "String", trustStorePassword);
        if (hasClientCertificate()) {
            entry(xml, "certificateLocation0", "String", clientPath);
            entry(xml, "clientPassword0", "String", clientPassword);
        } else {
            // the client asks the enrollment port for its certificate with the user's password
            entry(xml, "enrollForCertificateWithTrust0", "Boolean", "true");
            entry(xml, "useAuth0", "Boolean", "true");
            entry(xml, "cacheCreds0", "String", "Cache credentials");
        }
        xml.append("  </preference>\n");
        xml.append("  <preference version=\"1\" name=\"com.atakmap.app_preferences\">\n");
        entry(xml, "displayServerConnectionWidget", "Boolean", "true");
        entry(xml, "caLocation", "String", trustStorePath);
        entry(xml, "caPassword", "String", trustStorePassword);
        if (hasClientCertificate()) {
            entry(xml, "certificateLocation", "String", clientPath);
            entry(xml, "clientPassword", "String", clientPassword);
        }
        xml.append("  </preference>\n");
        xml.append("</preferences>\n");
        return xml.toString();
    }

    private static void parameter(StringBuilder xml, String name, String value) {
        xml.append("    <Parameter name=\"").append(escape(name)).append("\" value=\"").append(escape(value))
                .append("\"/>\n");
    }

    /** One preference; {@code type} is the Java class name TAK clients expect after "class java.lang.". */
    private static void entry(StringBuilder xml, String key, String type, String value) {
        xml.append("    <entry key=\"").append(escape(key)).append("\" class=\"class java.lang.").append(type)
                .append("\">").append(escape(value)).append("</entry>\n");
    }

    private static String fileName(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20) {
                        // Not echoed: the text may be a password.
                        throw new IllegalArgumentException("names and passwords in a TAK package cannot contain control characters");
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
