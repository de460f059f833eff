package org.neurite.data.quality;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs: a country code, two check digits and the account, written together or in groups of four
 * split by single spaces, of the length the country uses (a table of 40 common countries) and
 * passing the ISO 13616 mod-97 check. Upper or lower case.
 */
final class IbanDetector {
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
            Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GR", 27),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27),
            Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
            Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("TR", 26), Map.entry("SA", 24), Map.entry("AE", 23), Map.entry("IL", 23), Map.entry("BR", 29));

    private static final Pattern START = Pattern.compile("(?<![\\w-])([A-Za-z]{2})(\\d{2})");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private IbanDetector() {
    }

    static void find(String text, List<PersonalData.Match> out) {
        Matcher m = START.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            String country = m.group(1);
            boolean upper = country.equals(country.toUpperCase(java.util.Locale.ROOT));
            Integer length = LENGTHS.get(country.toUpperCase(java.util.Locale.ROOT));
            int end = length == null || !upper && !country.equals(country.toLowerCase(java.util.Locale.ROOT))
                    ? -1 : account(text, m.end(), length - 4);
            if (end > 0 && valid(text.substring(m.start(), end))) {
                out.add(new PersonalData.Match(PersonalData.Kind.IBAN, m.start(), end));
                from = end;
            } else {
                from = m.start() + 1;
            }
        }
    }

    /** The end of {@code count} account characters from {@code i}, in groups of 4 or together; -1 if none. */
    private static int account(String text, int i, int count) {
        for (boolean grouped : new boolean[] {true, false}) {
            int j = i;
            int taken = 0;
            boolean ok = true;
            while (taken < count && ok) {
                if (grouped && taken % 4 == 0) {
                    ok = j < text.length() && text.charAt(j) == ' ';
                    j++;
                }
                if (ok && j < text.length() && Character.isLetterOrDigit(text.charAt(j)) && text.charAt(j) < 128) {
                    j++;
                    taken++;
                } else {
                    ok = false;
                }
            }
            if (ok && (j == text.length() || !Character.isLetterOrDigit(text.charAt(j)) && text.charAt(j) != '_'
                    && !(text.charAt(j) == '-' && j + 1 < text.length() && Character.isLetterOrDigit(text.charAt(j + 1))))) {
                return j;
            }
        }
        return -1;
    }

    /** Whether {@code iban} (spaces allowed) passes the mod-97 check. */
    static boolean valid(String iban) {
        String compact = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        String moved = compact.substring(4) + compact.substring(0, 4);
        StringBuilder number = new StringBuilder(moved.length() * 2);
        for (int i = 0; i < moved.length(); i++) {
            char ch = moved.charAt(i);
            if (ch >= '0' && ch <= '9') {
                number.append(ch);
            } else if (ch >= 'A' && ch <= 'Z') {
                number.append(ch - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(number.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** {@code DE** **** ... 00}: the country and the last two characters. */
    static String mask(String iban) {
        String compact = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            out.append(i > 0 && i % 4 == 0 ? " " : "").append(i < 2 || i >= compact.length() - 2 ? compact.charAt(i) : '*');
        }
        return out.toString();
    }
}
