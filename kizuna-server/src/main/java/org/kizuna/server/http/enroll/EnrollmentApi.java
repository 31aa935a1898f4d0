package org.kizuna.server.http.enroll;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.Routes;
import org.kizuna.server.http.auth.AuthApi;
import org.kizuna.store.account.AccountRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the enrollment port, as TAK clients call them:
 * <ul>
 *   <li>{@code GET /Marti/api/tls/config}: the {@code certificateConfig} XML (name entries O and
 *       OU, validity). Public: it holds nothing secret, and clients read it before they sign in.</li>
 *   <li>{@code POST /Marti/api/tls/signClient/v2?clientUid=&version=}: HTTP Basic; a CSR in, the
 *       certificate (CN = the account name, whatever the CSR says) and the CA chain out, JSON
 *       ({@code signedCert}, {@code ca0}...) for {@code Accept: application/json}, else XML.</li>
 *   <li>{@code GET /Marti/api/tls/profile/enrollment?clientUid=}: HTTP Basic; the connection data
 *       package (server, CA trust store, no key).</li>
 * </ul>
 * Signing, the register, groups and the audit record are the {@link Issuer}'s.
 */
public final class EnrollmentApi {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentApi.class);
    private static final int MAX_UID = 256;

    /** What signs and packages for the port: the node CA and its bookkeeping. */
    public interface Issuer {

        /** O, OU and validity advertised to clients (the certificate itself carries only the CN). */
        CertificateConfig config();

        /**
         * Signs a client certificate named {@code account.name()} for {@code key}, registers it,
         * gives it the account's groups, and audits it. Blocks: workers only.
         */
        Enrolled sign(AccountRow account, PublicKey key, String clientUid, String remote) throws IOException;

        /** The enrollment data package for {@code account}. */
        byte[] enrollmentPackage(String account) throws IOException;
    }

    /** The advertised subject parts and validity. */
    public record CertificateConfig(String organization, String organizationalUnit, int validityDays) {
        public CertificateConfig {
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(organizationalUnit, "organizationalUnit");
        }
    }

    /** A signed certificate and the CA chain above it (issuer first). */
    public record Enrolled(X509Certificate certificate, List<X509Certificate> caChain) {
        public Enrolled {
            Objects.requireNonNull(certificate, "certificate");
            caChain = List.copyOf(caChain);
        }
    }

    private final AuthApi auth;
    private final EnrollmentTokens tokens;
    private final Issuer issuer;

    /** {@code tokens} may be null: then only passwords are accepted. */
    public EnrollmentApi(AuthApi auth, EnrollmentTokens tokens, Issuer issuer) {
        this.auth = auth;
        this.tokens = tokens;
        this.issuer = issuer;
    }

    public void register(Routes routes) {
        routes.get("/Marti/api/tls/config", Routes.Access.PUBLIC, (req, caller) -> config());
        routes.post("/Marti/api/tls/signClient/v2", Routes.Access.PUBLIC, (req, caller) -> sign(req));
        routes.post("/Marti/api/tls/signClient", Routes.Access.PUBLIC, (req, caller) -> sign(req));
        routes.get("/Marti/api/tls/profile/enrollment", Routes.Access.PUBLIC, (req, caller) -> profile(req));
    }

    private Response config() {
        CertificateConfig c = issuer.config();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<ns2:certificateConfig xmlns=\"http://bbn.com/marti/xml/config\" "
                + "xmlns:ns2=\"com.bbn.marti.config\">\n"
                + "  <nameEntries>\n"
                + "    <nameEntry name=\"O\" value=\"" + Xml.escape(c.organization()) + "\"/>\n"
                + "    <nameEntry name=\"OU\" value=\"" + Xml.escape(c.organizationalUnit()) + "\"/>\n"
                + "  </nameEntries>\n"
                + "  <validityDays>" + c.validityDays() + "</validityDays>\n"
                + "</ns2:certificateConfig>\n";
        return Response.text(HttpResponseStatus.OK, "application/xml; charset=UTF-8", xml);
    }

    private Response sign(Request req) throws IOException {
        AccountRow account = signIn(req, tokens);
        String clientUid = clientUid(req);
        PublicKey key = SigningRequests.publicKey(req.body());
        Enrolled enrolled = issuer.sign(account, key, clientUid, req.remoteAddress());
        log.info("enrolled '{}' (client uid '{}') from {}: serial {}", account.name(), clientUid, req.remoteAddress(),
                enrolled.certificate().getSerialNumber().toString(16));
        boolean json = req.header("Accept").map(a -> a.contains("application/json")).orElse(false);
        return json ? Response.json(jsonBody(enrolled)) : Response.text(HttpResponseStatus.OK,
                "application/xml; charset=UTF-8", xmlBody(enrolled));
    }

    private Response profile(Request req) throws IOException {
        AccountRow account = signIn(req, tokens == null ? null : tokens.profiles());
        byte[] zip = issuer.enrollmentPackage(account.name());
        return new Response(HttpResponseStatus.OK, "application/zip",
                Map.of("Content-Disposition", "attachment; filename=\"enrollment.zip\""), zip);
    }

    /** The account of the request's HTTP Basic credentials: a password, or one of {@code oneTime} (null: none). */
    private AccountRow signIn(Request req, AuthApi.OneTimePasswords oneTime) {
        String header = req.header("Authorization").orElse("");
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Problem(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "HTTP Basic with a web account's name and password is required", null,
                    Map.of("WWW-Authenticate", "Basic realm=\"kizuna\", charset=\"UTF-8\""));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.badParameter("Authorization", "the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw Problem.badParameter("Authorization", "the Basic credentials have no ':'");
        }
        return auth.authenticateBasic(decoded.substring(0, colon), decoded.substring(colon + 1), req.remoteAddress(),
                oneTime == null ? (n, p) -> false : oneTime);
    }

    private static String clientUid(Request req) {
        String uid = req.param("clientUid").orElse("");
        if (uid.length() > MAX_UID || uid.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw Problem.badParameter("clientUid", "at most " + MAX_UID + " printable characters");
        }
        return uid;
    }

    private static Map<String, Object> jsonBody(Enrolled enrolled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedCert", base64(enrolled.certificate()));
        for (int i = 0; i < enrolled.caChain().size(); i++) {
            body.put("ca" + i, base64(enrolled.caChain().get(i)));
        }
        return body;
    }

    private static String xmlBody(Enrolled enrolled) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<enrollment>\n");
        xml.append("  <signedCert>").append(base64(enrolled.certificate())).append("</signedCert>\n");
        for (X509Certificate ca : enrolled.caChain()) {
            xml.append("  <ca>").append(base64(ca)).append("</ca>\n");
        }
        return xml.append("</enrollment>\n").toString();
    }

    /** The DER certificate in base64 without PEM lines, as TAK clients expect it. */
    static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate we signed cannot be encoded", e);
        }
    }

    /** Attribute and text escaping for the few values written into XML here. */
    static final class Xml {
        private Xml() {
        }

        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
