package org.kizuna.cot.proto;

import org.kizuna.cot.Detail;

/**
 * The last {@code xmlDetail} one sender sent and the detail it parsed to. A TAK client repeats the
 * same fragment in every position report (its {@code <uid Droid>}, a contact with a phone number,
 * vendor extensions) while the typed parts change, so remembering one is enough to skip most XML
 * parsing of protobuf traffic. Sharing the parsed value is safe: {@link Detail} is immutable.
 *
 * <p>One per sender (session); not thread-safe. Only fragments up to {@value #MAX_REMEMBERED_CHARS}
 * characters are kept, so a memo never holds much memory.
 */
public final class DetailMemo {

    static final int MAX_REMEMBERED_CHARS = 4096;

    private String xml;
    private Detail detail;

    /** The detail {@code fragment} parsed to last time, or null when it differs from the last one. */
    Detail recall(String fragment) {
        return fragment.equals(xml) ? detail : null;
    }

    void remember(String fragment, Detail parsed) {
        if (fragment.length() <= MAX_REMEMBERED_CHARS) {
            this.xml = fragment;
            this.detail = parsed;
        }
    }
}
