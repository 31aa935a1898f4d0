package org.kizuna.app.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} with control characters escaped. Log messages carry what clients and partners
 * sent (uids, callsigns, chat rooms, group names); a uid holding {@code &#10;} would otherwise
 * start a line of its own that reads like the node's, and an escape sequence would drive the
 * operator's terminal. Every message goes through here, so no call site can forget it.
 */
public final class WireSafeMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    /** C0 and C1 controls, DEL and the Unicode line and paragraph separators, written as escapes. */
    static String escape(String message) {
        if (message == null || !needsEscape(message)) {
            return message;
        }
        StringBuilder b = new StringBuilder(message.length() + 16);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
