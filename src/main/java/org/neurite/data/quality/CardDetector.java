package org.neurite.data.quality;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, written together or in groups split by spaces or dashes
 * (one kind of separator per number: 4-4-4-4(-3), 4-6-4 or 4-6-5), that start like a card of a
 * major network (2, 3, 4, 5 or 6) and pass the Luhn check. An order number with the wrong check
 * digit, or a run of digits of another length, is not one.
 */
final class CardDetector {
    private static final Pattern CARD = Pattern.compile("(?<![\\w/+]|\\d[.,-])(?:"
            + "\\d{13,19}"
            + "|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,4}(?:\\1\\d{1,3})?"
            + "|\\d{4}([ -])\\d{6}\\2\\d{4,5})"
            + "(?![\\w/]|[.,-]\\d)");

    private CardDetector() {
    }

    static void find(String text, List<PersonalData.Match> out) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
            String digits = digits(m.group());
            if (digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
                    && luhn(digits)) {
                out.add(new PersonalData.Match(PersonalData.Kind.CARD, m.start(), m.end()));
            }
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static String digits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** {@code **** **** **** 1234}: the last four digits only. */
    static String mask(String card) {
        String digits = digits(card);
        return "**** **** **** " + digits.substring(digits.length() - 4);
    }
}
