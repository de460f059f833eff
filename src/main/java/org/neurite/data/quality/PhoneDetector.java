package org.neurite.data.quality;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers. International: {@code +} and a country code, then groups split by single spaces,
 * dashes, dots or a parenthesised area code, 8 to 15 digits in all (E.164). National: the North
 * American {@code (555) 123-4567} / {@code 555-123-4567} / {@code 555.123.4567} /
 * {@code 555 123 4567}, or a number with a trunk {@code 0} written in groups ({@code 030 1234567},
 * {@code 020 7946 0958}, {@code 01 23 45 67 89}, {@code (030) 123456}), 10 or 11 digits. A run of
 * digits without any grouping is a phone number only where the context says so: after "tel",
 * "phone", "mobile", "call", "fax" or in a column named so.
 */
final class PhoneDetector {
    private static final String END = "(?![\\w+]|[.-]\\d|/\\d)";
    private static final String START = "(?<![\\w+/]|\\d[.-]|[.-])";
    private static final Pattern INTERNATIONAL = Pattern.compile(START + "\\+[1-9]\\d{0,2}"
            + "(?:[ .-]?\\(0?\\d{1,4}\\))?(?:[ .-]?\\d{1,6}){1,6}" + END);
    private static final Pattern NANP = Pattern.compile(START
            + "(?:\\([2-9]\\d{2}\\) ?\\d{3}[ .-]\\d{4}|[2-9]\\d{2}([ .-])\\d{3}\\1\\d{4})" + END);
    private static final Pattern TRUNK = Pattern.compile(START
            + "(?:\\(0\\d{1,4}\\) ?\\d{3,8}(?:[ -]\\d{2,4})?|0\\d{1,4}([ /-])\\d{2,8}(?:\\1\\d{2,4}){0,3})" + END);
    private static final Pattern PLAIN = Pattern.compile(START + "\\+?\\d{7,15}" + END);
    private static final Pattern CONTEXT = Pattern.compile(
            "(?i)(?:tel|phone|mobile|mob|cell|call|fax|whatsapp|telefon|handy|ph)\\b[^\\n\\d]{0,12}$");

    private PhoneDetector() {
    }

    static void find(String text, boolean phoneContext, List<PersonalData.Match> out) {
        Matcher m = INTERNATIONAL.matcher(text);
        while (m.find()) {
            int digits = CardDetector.digits(m.group()).length();
            if (digits >= 8 && digits <= 15 && consistent(m.group())) {
                out.add(new PersonalData.Match(PersonalData.Kind.PHONE, m.start(), m.end()));
            }
        }
        m = NANP.matcher(text);
        while (m.find()) {
            out.add(new PersonalData.Match(PersonalData.Kind.PHONE, m.start(), m.end()));
        }
        m = TRUNK.matcher(text);
        while (m.find()) {
            int digits = CardDetector.digits(m.group()).length();
            if (digits >= 10 && digits <= 11) {
                out.add(new PersonalData.Match(PersonalData.Kind.PHONE, m.start(), m.end()));
            }
        }
        m = PLAIN.matcher(text);
        while (m.find()) {
            if (phoneContext || CONTEXT.matcher(text.substring(Math.max(0, m.start() - 24), m.start())).find()) {
                out.add(new PersonalData.Match(PersonalData.Kind.PHONE, m.start(), m.end()));
            }
        }
    }

    /** One kind of separator between the groups after the country code (a parenthesised area code aside). */
    private static boolean consistent(String phone) {
        String separators = phone.replaceFirst("^\\+\\d{1,3}[ .-]?", "").replaceFirst("\\(0?\\d{1,4}\\) ?", "")
                .replaceAll("[0-9]", "");
        return separators.chars().distinct().count() <= 1;
    }

    /** {@code +** *** ****67}: every digit but the last two starred. */
    static String mask(String phone) {
        StringBuilder out = new StringBuilder(phone);
        int seen = 0;
        for (int i = out.length() - 1; i >= 0; i--) {
            if (Character.isDigit(out.charAt(i)) && seen++ >= 2) {
                out.setCharAt(i, '*');
            }
        }
        return out.toString();
    }
}
