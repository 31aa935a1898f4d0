package org.kizuna.server.http.enroll;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * ATAK's QuickConnect enrollment link, {@code tak://com.atakmap.app/enroll?host=&username=&token=}:
 * what {@code kizuna enroll-qr} prints and the web COP's admin page shows as a QR code.
 */
public record QuickConnect(String host, String username, String token) {

    public String uri() {
        return "tak://com.atakmap.app/enroll?host=" + enc(host) + "&username=" + enc(username) + "&token=" + enc(token);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
