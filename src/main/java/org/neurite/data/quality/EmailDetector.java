package org.neurite.data.quality;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: a local part of letters, digits and {@code . _ % + -} (no dot at either end,
 * no two dots in a row), {@code @}, and a domain of at least two labels (letters, digits, inner
 * hyphens) whose last label is 2 to 24 letters. Case does not matter.
 */
final class EmailDetector {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+@-])([A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
                    + "[A-Za-z]{2,24})(?![\\w@-]|\\.[A-Za-z0-9])");

    private EmailDetector() {
    }

    static void find(String text, List<PersonalData.Match> out) {
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            if (m.group(1).length() <= 64) {
                out.add(new PersonalData.Match(PersonalData.Kind.EMAIL, m.start(), m.end()));
            }
        }
    }

    /** {@code j***@e***.com}: the first letter of the local part and of the domain, and the top-level domain. */
    static String mask(String email) {
        int at = email.indexOf('@');
        int dot = email.lastIndexOf('.');
        return email.charAt(0) + "***@" + email.charAt(at + 1) + "***" + email.substring(dot);
    }

    /** The domain of an e-mail address (lower case), or null when {@code cell} is not one. */
    static String domain(String cell) {
        Matcher m = EMAIL.matcher(cell.strip());
        return m.matches() ? m.group(2).toLowerCase(java.util.Locale.ROOT) : null;
    }
}
