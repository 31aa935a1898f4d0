package org.kizuna.cot.xml;

/**
 * What XML 1.0 can carry. The protobuf decoder checks its strings with this so that every event it
 * accepts can also be written as XML; the writer checks hand-built values the same way.
 */
public final class XmlChars {

    /** How much of an offending value an error message quotes. */
    private static final int EXCERPT_CHARS = 64;

    private XmlChars() {
    }

    /** The index of the first character XML 1.0 cannot carry (even escaped), or -1. */
    public static int indexOfIllegal(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0xD800) {
                continue;
            }
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when {@code name} can be written as an attribute name that reads back as itself: an XML
     * name without a namespace prefix ({@code xml:} aside, which is always bound) and not a
     * namespace declaration.
     */
    public static boolean isAttributeName(String name) {
        if (name.startsWith("xml:")) {
            return isNcName(name.substring(4));
        }
        return !name.equals("xmlns") && isNcName(name);
    }

    /** True for an XML name without a colon (XML 1.0 fifth edition, Namespaces NCName). */
    static boolean isNcName(String name) {
        if (name.isEmpty() || indexOfIllegal(name) >= 0 || !isNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameStart(c) && !isNamePart(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} shortened for an error message, so a hostile frame cannot flood the log. */
    static String excerpt(String value) {
        return value.length() <= EXCERPT_CHARS ? value : value.substring(0, EXCERPT_CHARS) + "...";
    }

    // XML 1.0 (fifth edition) NameStartChar without ':'; surrogates stand for #x10000-#xEFFFF.
    private static boolean isNameStart(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
        }
        return c >= 0xC0 && c <= 0xD6 || c >= 0xD8 && c <= 0xF6 || c >= 0xF8 && c <= 0x2FF
                || c >= 0x370 && c <= 0x37D || c >= 0x37F && c <= 0x1FFF || c == 0x200C || c == 0x200D
                || c >= 0x2070 && c <= 0x218F || c >= 0x2C00 && c <= 0x2FEF || c >= 0x3001 && c <= 0xD7FF
                || c >= 0xF900 && c <= 0xFDCF || c >= 0xFDF0 && c <= 0xFFFD || Character.isSurrogate(c);
    }

    private static boolean isNamePart(char c) {
        return c >= '0' && c <= '9' || c == '-' || c == '.' || c == 0xB7
                || c >= 0x300 && c <= 0x36F || c == 0x203F || c == 0x2040;
    }
}
