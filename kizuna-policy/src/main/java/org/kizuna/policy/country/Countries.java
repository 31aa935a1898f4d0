package org.kizuna.policy.country;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one country table: the 193 UN member states, the two observer states and Taiwan, by
 * alpha-3 and by numeric code. Coalition
 * tetragraphs (FVEY, NATO, ...) are not countries and are listed apart: the REL TO ordering
 * rule puts them after every trigraph.
 *
 * <p>Kept in code rather than a resource file so that the policy module reads no files.
 */
public final class Countries {

    /** Coalition and organisation tetragraphs that may appear in a REL TO list. */
    public static final Set<String> TETRAGRAPHS = Set.of("FVEY", "NATO", "ACGU", "AUSCANNZUKUS", "EUMS");

    /** Groups for tests and policy files: Quad, Five Eyes, NATO and ASEAN members. */
    public static final Set<String> QUAD = Set.of("AUS", "IND", "JPN", "USA");
    public static final Set<String> FIVE_EYES = Set.of("AUS", "CAN", "GBR", "NZL", "USA");
    public static final Set<String> NATO = Set.of("ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN",
            "FRA", "DEU", "GRC", "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT",
            "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA");
    public static final Set<String> ASEAN = Set.of("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA",
            "VNM", "TLS");

    private static final String TABLE = """
            AFG 004 Afghanistan
            ALB 008 Albania
            DZA 012 Algeria
            AND 020 Andorra
            AGO 024 Angola
            ATG 028 Antigua and Barbuda
            ARG 032 Argentina
            ARM 051 Armenia
            AUS 036 Australia
            AUT 040 Austria
            AZE 031 Azerbaijan
            BHS 044 Bahamas
            BHR 048 Bahrain
            BGD 050 Bangladesh
            BRB 052 Barbados
            BLR 112 Belarus
            BEL 056 Belgium
            BLZ 084 Belize
            BEN 204 Benin
            BTN 064 Bhutan
            BOL 068 Bolivia
            BIH 070 Bosnia and Herzegovina
            BWA 072 Botswana
            BRA 076 Brazil
            BRN 096 Brunei Darussalam
            BGR 100 Bulgaria
            BFA 854 Burkina Faso
            BDI 108 Burundi
            CPV 132 Cabo Verde
            KHM 116 Cambodia
            CMR 120 Cameroon
            CAN 124 Canada
            CAF 140 Central African Republic
            TCD 148 Chad
            CHL 152 Chile
            CHN 156 China
            COL 170 Colombia
            COM 174 Comoros
            COG 178 Congo
            COD 180 Congo, Democratic Republic of the
            CRI 188 Costa Rica
            CIV 384 Cote d'Ivoire
            HRV 191 Croatia
            CUB 192 Cuba
            CYP 196 Cyprus
            CZE 203 Czechia
            DNK 208 Denmark
            DJI 262 Djibouti
            DMA 212 Dominica
            DOM 214 Dominican Republic
            ECU 218 Ecuador
            EGY 818 Egypt
            SLV 222 El Salvador
            GNQ 226 Equatorial Guinea
            ERI 232 Eritrea
            EST 233 Estonia
            SWZ 748 Eswatini
            ETH 231 Ethiopia
            FJI 242 Fiji
            FIN 246 Finland
            FRA 250 France
            GAB 266 Gabon
            GMB 270 Gambia
            GEO 268 Georgia
            DEU 276 Germany
            GHA 288 Ghana
            GRC 300 Greece
            GRD 308 Grenada
            GTM 320 Guatemala
            GIN 324 Guinea
            GNB 624 Guinea-Bissau
            GUY 328 Guyana
            HTI 332 Haiti
            HND 340 Honduras
            HUN 348 Hungary
            ISL 352 Iceland
            IND 356 India
            IDN 360 Indonesia
            IRN 364 Iran
            IRQ 368 Iraq
            IRL 372 Ireland
            ISR 376 Israel
            ITA 380 Italy
            JAM 388 Jamaica
            JPN 392 Japan
            JOR 400 Jordan
            KAZ 398 Kazakhstan
            KEN 404 Kenya
            KIR 296 Kiribati
            PRK 408 Korea, Democratic People's Republic of
            KOR 410 Korea, Republic of
            KWT 414 Kuwait
            KGZ 417 Kyrgyzstan
            LAO 418 Lao People's Democratic Republic
            LVA 428 Latvia
            LBN 422 Lebanon
            LSO 426 Lesotho
            LBR 430 Liberia
            LBY 434 Libya
            LIE 438 Liechtenstein
            LTU 440 Lithuania
            LUX 442 Luxembourg
            MDG 450 Madagascar
            MWI 454 Malawi
            MYS 458 Malaysia
            MDV 462 Maldives
            MLI 466 Mali
            MLT 470 Malta
            MHL 584 Marshall Islands
            MRT 478 Mauritania
            MUS 480 Mauritius
            MEX 484 Mexico
            FSM 583 Micronesia
            MDA 498 Moldova
            MCO 492 Monaco
            MNG 496 Mongolia
            MNE 499 Montenegro
            MAR 504 Morocco
            MOZ 508 Mozambique
            MMR 104 Myanmar
            NAM 516 Namibia
            NRU 520 Nauru
            NPL 524 Nepal
            NLD 528 Netherlands
            NZL 554 New Zealand
            NIC 558 Nicaragua
            NER 562 Niger
            NGA 566 Nigeria
            MKD 807 North Macedonia
            NOR 578 Norway
            OMN 512 Oman
            PAK 586 Pakistan
            PLW 585 Palau
            PAN 591 Panama
            PNG 598 Papua New Guinea
            PRY 600 Paraguay
            PER 604 Peru
            PHL 608 Philippines
            POL 616 Poland
            PRT 620 Portugal
            QAT 634 Qatar
            ROU 642 Romania
            RUS 643 Russian Federation
            RWA 646 Rwanda
            KNA 659 Saint Kitts and Nevis
            LCA 662 Saint Lucia
            VCT 670 Saint Vincent and the Grenadines
            WSM 882 Samoa
            SMR 674 San Marino
            STP 678 Sao Tome and Principe
            SAU 682 Saudi Arabia
            SEN 686 Senegal
            SRB 688 Serbia
            SYC 690 Seychelles
            SLE 694 Sierra Leone
            SGP 702 Singapore
            SVK 703 Slovakia
            SVN 705 Slovenia
            SLB 090 Solomon Islands
            SOM 706 Somalia
            ZAF 710 South Africa
            SSD 728 South Sudan
            ESP 724 Spain
            LKA 144 Sri Lanka
            SDN 729 Sudan
            SUR 740 Suriname
            SWE 752 Sweden
            CHE 756 Switzerland
            SYR 760 Syrian Arab Republic
            TJK 762 Tajikistan
            TZA 834 Tanzania
            THA 764 Thailand
            TLS 626 Timor-Leste
            TGO 768 Togo
            TON 776 Tonga
            TTO 780 Trinidad and Tobago
            TUN 788 Tunisia
            TUR 792 Turkiye
            TKM 795 Turkmenistan
            TUV 798 Tuvalu
            UGA 800 Uganda
            UKR 804 Ukraine
            ARE 784 United Arab Emirates
            GBR 826 United Kingdom
            USA 840 United States of America
            URY 858 Uruguay
            UZB 860 Uzbekistan
            VUT 548 Vanuatu
            VEN 862 Venezuela
            VNM 704 Viet Nam
            YEM 887 Yemen
            ZMB 894 Zambia
            ZWE 716 Zimbabwe
            VAT 336 Holy See
            PSE 275 Palestine, State of
            TWN 158 Taiwan
            """;

    private static final List<Country> ALL;
    private static final Map<String, Country> BY_ALPHA3 = new HashMap<>();
    private static final Map<Integer, Country> BY_NUMERIC = new HashMap<>();

    static {
        List<Country> all = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String l = line.strip();
            Country c = new Country(l.substring(0, 3), Integer.parseInt(l.substring(4, 7)), l.substring(8));
            if (BY_ALPHA3.put(c.alpha3(), c) != null || BY_NUMERIC.put(c.numeric(), c) != null) {
                throw new ExceptionInInitializerError("duplicate country " + c);
            }
            all.add(c);
        }
        ALL = Collections.unmodifiableList(all);
    }

    private Countries() {
    }

    public static List<Country> all() {
        return ALL;
    }

    public static Optional<Country> byAlpha3(String code) {
        return Optional.ofNullable(BY_ALPHA3.get(code.toUpperCase(Locale.ROOT)));
    }

    public static Optional<Country> byNumeric(int code) {
        return Optional.ofNullable(BY_NUMERIC.get(code));
    }

    public static boolean isTrigraph(String code) {
        return BY_ALPHA3.containsKey(code);
    }

    public static boolean isTetragraph(String code) {
        return TETRAGRAPHS.contains(code);
    }
}
