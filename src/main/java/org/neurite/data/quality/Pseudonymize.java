package org.neurite.data.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.neurite.data.TextDataset;
import org.neurite.data.csv.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pseudonymisation steps: each returns a new {@link CsvTable} or {@link TextDataset} and says what
 * it changed (a {@link Pseudonymized}, whose description is also logged at INFO and never holds a
 * value). The input is never modified. Empty cells stay empty (missing).
 *
 * <pre>{@code
 * TokenKey key = TokenKey.fromPassphrase(passphrase, salt);
 * CsvTable t = Pseudonymize.tokenize(raw, "email", key).data();   // tok_... : joins, cannot be reversed
 * t = Pseudonymize.year(t, "date_of_birth").data();                 // 1984-03-12 -> 1984
 * t = Pseudonymize.drop(t, "name").data();
 * TextDataset texts = Pseudonymize.texts(reviews).data();           // "mail jane@x.org" -> "mail <EMAIL>"
 * }</pre>
 *
 * Pseudonymised data is still personal data (GDPR Recital 26) while someone holds the key or can
 * link the rest of a row back to a person; see docs/privacy.md.
 */
public final class Pseudonymize {
    /** The prefix of every token {@link #tokenize} writes. */
    public static final String TOKEN_PREFIX = "tok_";

    private static final Logger LOG = LoggerFactory.getLogger(Pseudonymize.class);
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Pseudonymize() {
    }

    /**
     * Replaces every non-empty cell of {@code column} by a keyed token: {@link #TOKEN_PREFIX} and the
     * first 16 bytes of HMAC-SHA-256(key, the cell's UTF-8 bytes) in lower-case base32 (26
     * characters). Equal cells get equal tokens under the same key, in any table; the cell is used
     * exactly, so normalise first (such as lower-casing e-mails) where different spellings should
     * join.
     */
    public static Pseudonymized<CsvTable> tokenize(CsvTable table, String column, TokenKey key) {
        if (key == null) {
            throw new IllegalArgumentException("Pseudonymize.tokenize: the key is null");
        }
        return map(table, column, cell -> token(key, cell), "tokenize", "by keyed tokens (key "
                + key.fingerprint() + ")");
    }

    /** The token of {@code value} under {@code key}, as {@link #tokenize} writes it. */
    public static String token(TokenKey key, String value) {
        byte[] mac = key.mac(value);
        String token = TOKEN_PREFIX + base32(Arrays.copyOf(mac, 16));
        Arrays.fill(mac, (byte) 0);
        return token;
    }

    /** A table without {@code column}. */
    public static Pseudonymized<CsvTable> drop(CsvTable table, String column) {
        CsvTable dropped = table.without(column);
        return log(new Pseudonymized<>(dropped, table.size(), "drop \"" + column + "\": removed the column, "
                + table.size() + " cells"));
    }

    /**
     * Replaces each e-mail address of {@code column} by its domain in lower case
     * ({@code Jane.Doe@Example.com} becomes {@code example.com}); a cell that is no e-mail address is
     * emptied, so nothing is left behind unchanged.
     */
    public static Pseudonymized<CsvTable> emailDomain(CsvTable table, String column) {
        return map(table, column, cell -> orEmpty(EmailDetector.domain(cell)), "emailDomain",
                "by the e-mail's domain");
    }

    /**
     * Replaces each date of {@code column} by its year ({@code 1984-03-12}, {@code 12.03.1984} and
     * {@code 12 March 1984} become {@code 1984}); a cell that is no date (1900 to today) is emptied.
     */
    public static Pseudonymized<CsvTable> year(CsvTable table, String column) {
        return map(table, column, cell -> {
            int year = BirthDateDetector.year(cell);
            return year < 0 ? "" : Integer.toString(year);
        }, "year", "by the date's year");
    }

    /**
     * Replaces each IP address of {@code column} by its network: an IPv4 address by its /24
     * ({@code 192.168.17.4} becomes {@code 192.168.17.0/24}), an IPv6 address by its /48
     * ({@code 2001:db8:85a3:8d3:1319:8a2e:370:7348} becomes {@code 2001:db8:85a3::/48}); a cell
     * that is neither is emptied.
     */
    public static Pseudonymized<CsvTable> ipPrefix(CsvTable table, String column) {
        return map(table, column, Pseudonymize::network, "ipPrefix", "by the address's /24 (IPv4) or /48 (IPv6) network");
    }

    /**
     * Replaces every value {@link PersonalData#find(String)} finds in the texts by the token of its
     * kind ({@code <EMAIL>}, {@code <PHONE>}, {@code <CARD>}, {@code <IBAN>}, {@code <IP>},
     * {@code <DATE>}), before tokenisation; the labels stay.
     */
    public static Pseudonymized<TextDataset> texts(TextDataset texts) {
        Map<PersonalData.Kind, long[]> counts = new EnumMap<>(PersonalData.Kind.class);
        List<String> replaced = new ArrayList<>(texts.size());
        for (String text : texts.texts()) {
            replaced.add(replace(text, counts));
        }
        long total = counts.values().stream().mapToLong(n -> n[0]).sum();
        StringBuilder what = new StringBuilder();
        counts.forEach((kind, n) -> what.append(what.length() == 0 ? "" : ", ").append(n[0]).append(' ')
                .append(kind.token()));
        return log(new Pseudonymized<>(TextDataset.of(replaced, texts.labels()), total, "texts: replaced " + total
                + " values in " + texts.size() + " texts by type tokens" + (total == 0 ? "" : " (" + what + ")")));
    }

    /** {@code text} with every value {@link PersonalData#find(String)} finds replaced by its kind's token. */
    public static String text(String text) {
        return replace(text, new EnumMap<>(PersonalData.Kind.class));
    }

    private static String replace(String text, Map<PersonalData.Kind, long[]> counts) {
        List<PersonalData.Match> matches = PersonalData.find(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PersonalData.Match m : matches) {
            out.append(text, at, m.start()).append(m.kind().token());
            at = m.end();
            counts.computeIfAbsent(m.kind(), k -> new long[1])[0]++;
        }
        return out.append(text, at, text.length()).toString();
    }

    private static Pseudonymized<CsvTable> map(CsvTable table, String column, Function<String, String> change,
                                               String step, String how) {
        List<String> cells = table.column(column);
        List<String> changed = new ArrayList<>(cells.size());
        long count = 0;
        long emptied = 0;
        for (String cell : cells) {
            String after = cell.isEmpty() ? cell : change.apply(cell);
            changed.add(after);
            if (!after.equals(cell)) {
                count++;
                emptied += after.isEmpty() ? 1 : 0;
            }
        }
        String description = step + " \"" + column + "\": replaced " + count + " of " + cells.size() + " cells " + how
                + (emptied > 0 ? "; " + emptied + " cells of another form were emptied" : "");
        return log(new Pseudonymized<>(table.withColumn(column, changed), count, description));
    }

    private static <T> Pseudonymized<T> log(Pseudonymized<T> step) {
        LOG.info("{}", step.description());
        return step;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static String network(String cell) {
        String ip = cell.strip();
        List<PersonalData.Match> found = new ArrayList<>();
        IpDetector.find(ip, found);
        if (found.size() != 1 || found.get(0).start() != 0 || found.get(0).end() != ip.length()) {
            return "";
        }
        if (ip.indexOf(':') < 0) {
            return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
        }
        int[] groups = v6Groups(ip);
        return String.format(Locale.ROOT, "%x:%x:%x::/48", groups[0], groups[1], groups[2]);
    }

    /** The first three 16-bit groups of an IPv6 address in any valid form. */
    private static int[] v6Groups(String ip) {
        String head = ip;
        int gap = ip.indexOf("::");
        List<String> parts = new ArrayList<>();
        if (gap >= 0) {
            head = ip.substring(0, gap);
        }
        if (!head.isEmpty()) {
            parts.addAll(Arrays.asList(head.split(":")));
        }
        int[] groups = new int[3];
        for (int i = 0; i < 3 && i < parts.size(); i++) {
            groups[i] = parts.get(i).indexOf('.') >= 0 ? 0 : Integer.parseInt(parts.get(i), 16);
        }
        if (gap < 0 || parts.size() >= 3) {
            return groups;
        }
        // the groups after :: are right-aligned; they reach the first three only when few are elided
        String tail = ip.substring(gap + 2);
        List<String> after = tail.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(tail.split(":")));
        int total = after.stream().mapToInt(p -> p.indexOf('.') >= 0 ? 2 : 1).sum();
        int start = 8 - total;
        for (int i = 0; i < after.size() && start + i < 3; i++) {
            String p = after.get(i);
            if (start + i >= parts.size() && p.indexOf('.') < 0) {
                groups[start + i] = Integer.parseInt(p, 16);
            }
        }
        return groups;
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | b & 0xff;
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[buffer >>> bits - 5 & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[buffer << 5 - bits & 31]);
        }
        return out.toString();
    }
}
