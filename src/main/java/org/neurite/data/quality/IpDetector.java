package org.neurite.data.quality;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP addresses. IPv4: four numbers 0-255 without leading zeros, split by dots, not part of a longer
 * dotted run (a version such as {@code 1.2.3.4.5}) and not after the word "version" or a {@code v}.
 * IPv6: groups of 1-4 hex digits split by colons, eight of them or fewer with one {@code ::}, the
 * last two optionally an IPv4 address. An address followed by {@code /} and a prefix length is a
 * network, not a host, and is not reported (that is what {@link Pseudonymize#ipPrefix} writes).
 */
final class IpDetector {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 = Pattern.compile("(?<![\\w.:])" + OCTET + "(?:\\." + OCTET + "){3}"
            + "(?![\\w/:]|\\.\\w)");
    private static final Pattern V4_WHOLE = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern V6 = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![\\w:/]|\\.\\w)");
    private static final Pattern VERSION = Pattern.compile("(?i)(?:version|release|build|v)\\s*$");

    private IpDetector() {
    }

    static void find(String text, List<PersonalData.Match> out) {
        Matcher m = V4.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 10), m.start());
            if (!VERSION.matcher(before).find()) {
                out.add(new PersonalData.Match(PersonalData.Kind.IP, m.start(), m.end()));
            }
        }
        m = V6.matcher(text);
        while (m.find()) {
            String candidate = m.group();
            int end = m.end();
            if (candidate.endsWith(".")) {   // a sentence's full stop
                candidate = candidate.substring(0, candidate.length() - 1);
                end--;
            }
            if (isV6(candidate)) {
                out.add(new PersonalData.Match(PersonalData.Kind.IP, m.start(), end));
            }
        }
    }

    /** Whether {@code s} is an IPv6 address in one of its textual forms (RFC 4291 section 2.2). */
    static boolean isV6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int groups = 8;
        int lastColon = s.lastIndexOf(':');
        String head = s;
        if (s.indexOf('.') >= 0) {
            if (!V4_WHOLE.matcher(s.substring(lastColon + 1)).matches()) {
                return false;
            }
            groups = 6;
            head = s.substring(0, lastColon + 1);
            if (!head.endsWith("::")) {
                head = head.substring(0, head.length() - 1);
            }
        }
        int gap = head.indexOf("::");
        if (gap >= 0 && head.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] parts = gap >= 0
                ? (head.substring(0, gap) + (head.substring(0, gap).isEmpty() ? "" : ":") + "X"
                + (head.substring(gap + 2).isEmpty() ? "" : ":") + head.substring(gap + 2)).split(":", -1)
                : head.split(":", -1);
        int count = 0;
        boolean anyDigits = false;
        for (String part : parts) {
            if (part.equals("X")) {
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return false;
            }
            anyDigits = true;
            count++;
        }
        return gap >= 0 ? count < groups && anyDigits : count == groups;
    }

    /** {@code 192.*.*.*} or {@code 2001:*:...}: the first number or group only. */
    static String mask(String ip) {
        int dot = ip.indexOf('.');
        int colon = ip.indexOf(':');
        if (colon < 0) {
            return ip.substring(0, dot) + ".*.*.*";
        }
        return ip.substring(0, colon).toLowerCase(Locale.ROOT) + ":*:*:*:*:*:*:*";
    }
}
