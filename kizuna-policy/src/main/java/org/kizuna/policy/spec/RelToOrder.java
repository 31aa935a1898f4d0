package org.kizuna.policy.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.kizuna.policy.country.Countries;

/**
 * The REL TO ordering rule of the IC ISM vocabulary: the first country (USA in U.S. markings),
 * then the other ISO trigraphs alphabetically, then coalition tetragraphs and any other
 * policy-defined value alphabetically. {@code REL TO USA, AUS, IND, JPN}.
 */
public final class RelToOrder {

    private RelToOrder() {
    }

    public static List<String> sort(Collection<String> codes, String first) {
        List<String> out = new ArrayList<>(codes);
        out.sort(Comparator.comparingInt((String c) -> group(c, first)).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    private static int group(String code, String first) {
        if (code.equals(first)) {
            return 0;
        }
        return Countries.isTrigraph(code) ? 1 : 2;
    }
}
