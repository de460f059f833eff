package org.neurite.data.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neurite.data.TextDataset;
import org.neurite.data.csv.CsvTable;

/**
 * Finds likely personal data in raw CSV cells ({@link CsvTable}) and texts ({@link TextDataset}):
 * e-mail addresses, phone numbers, payment card numbers (Luhn-checked), IBANs (mod-97-checked),
 * IPv4 and IPv6 addresses, and dates of birth (a date in a column or after words that say so).
 *
 * <pre>{@code
 * CsvTable raw = Csv.table(Path.of("customers.csv"));
 * for (PersonalData.Finding f : PersonalData.scan(raw)) {
 *     log.warn("{}", f);   // column "email": EMAIL in 998 of 1000 rows (99.8%), e.g. j***@e***.com
 * }
 * List<PersonalData.Match> spans = PersonalData.find("mail me at jane@example.com");
 * }</pre>
 *
 * Detection is by pattern, checksum and context, so it finds what has a recognisable form; it does
 * not find names, postal addresses or free-form descriptions of a person, and a value written in an
 * unusual form slips through. A finding never holds a value: its example is masked
 * ({@code j***@e***.com}, {@code **** **** **** 1234}).
 */
public final class PersonalData {
    /** The kinds of personal data found, each with the token {@link Pseudonymize#texts} writes in its place. */
    public enum Kind {
        /** An e-mail address. */
        EMAIL("<EMAIL>"),
        /** A phone number, international ({@code +CC}) or in a common national form. */
        PHONE("<PHONE>"),
        /** A payment card number that passes the Luhn check. */
        CARD("<CARD>"),
        /** An IBAN that passes the mod-97 check. */
        IBAN("<IBAN>"),
        /** An IPv4 or IPv6 address. */
        IP("<IP>"),
        /** A date in a birth-date column or after words such as "born" or "date of birth". */
        BIRTH_DATE("<DATE>");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        /** The type token that replaces a value of this kind in a text, such as {@code <EMAIL>}. */
        public String token() {
            return token;
        }
    }

    /**
     * One value found in a text: characters {@code [start, end)}.
     *
     * @param kind what it is
     * @param start the index of its first character
     * @param end the index after its last character
     */
    public record Match(Kind kind, int start, int end) {
    }

    /**
     * Personal data of one kind in one column (or in the texts of a {@link TextDataset}, column
     * {@code "text"}).
     *
     * @param column the column name
     * @param kind what was found
     * @param rows the number of rows (texts) holding at least one value of this kind
     * @param share {@code rows} divided by all rows
     * @param example the first value found, masked
     */
    public record Finding(String column, Kind kind, long rows, double share, String example) {
        @Override
        public String toString() {
            return "column \"" + column + "\": " + kind + " in " + rows + " rows ("
                    + ReportTable.percent(share) + "), e.g. " + example;
        }
    }

    private static final Pattern PHONE_NAME = Pattern.compile(
            "(?i).*(?:phone|tel|mobile|cell|fax|handy|telefon|msisdn).*");

    private static final Pattern IBAN_SHAPE = Pattern.compile(
            "(?<![\\w-])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\\w)");
    private static final List<Kind> PRIORITY = List.of(Kind.EMAIL, Kind.IBAN, Kind.CARD, Kind.IP, Kind.BIRTH_DATE,
            Kind.PHONE);

    private PersonalData() {
    }

    /** The values of personal data in {@code text}, in order, none overlapping. */
    public static List<Match> find(String text) {
        return find(text, null);
    }

    /**
     * The values of personal data in a cell of the column {@code column}: its name is context (in a
     * column named like {@code date_of_birth} every date is a birth date; in one named like
     * {@code phone} a plain run of 7 to 15 digits is a phone number).
     *
     * @param column the column name, or null for free text
     */
    public static List<Match> find(String text, String column) {
        List<Match> all = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return all;
        }
        if (text.indexOf('@') >= 0) {
            EmailDetector.find(text, all);
        }
        IbanDetector.find(text, all);
        CardDetector.find(text, all);
        IpDetector.find(text, all);
        BirthDateDetector.find(text, BirthDateDetector.isBirthColumn(column), all);
        PhoneDetector.find(text, column != null && PHONE_NAME.matcher(column).matches(), all);
        // digits inside an account number of IBAN shape that failed its checksum are no card or phone
        Matcher shaped = IBAN_SHAPE.matcher(text);
        while (shaped.find()) {
            int from = shaped.start();
            int to = shaped.end();
            all.removeIf(m -> (m.kind() == Kind.CARD || m.kind() == Kind.PHONE) && m.start() < to && from < m.end());
        }
        // checksummed kinds first, then by place: a match is kept when it overlaps none kept before
        all.sort(Comparator.comparingInt((Match m) -> PRIORITY.indexOf(m.kind())).thenComparingInt(Match::start));
        List<Match> kept = new ArrayList<>();
        for (Match m : all) {
            if (kept.stream().noneMatch(k -> k.start() < m.end() && m.start() < k.end())) {
                kept.add(m);
            }
        }
        kept.sort(Comparator.comparingInt(Match::start));
        return kept;
    }

    /** The personal data in each column of {@code table}, column by column, in the order of {@link Kind}. */
    public static List<Finding> scan(CsvTable table) {
        List<Finding> findings = new ArrayList<>();
        for (String column : table.columns()) {
            findings.addAll(scan(column, table.column(column)));
        }
        return findings;
    }

    /** The personal data in the texts of {@code texts}, as findings of the column {@code "text"}. */
    public static List<Finding> scan(TextDataset texts) {
        return scan("text", texts.texts());
    }

    static List<Finding> scan(String column, List<String> cells) {
        Map<Kind, long[]> counts = new EnumMap<>(Kind.class);
        Map<Kind, String> examples = new EnumMap<>(Kind.class);
        for (String cell : cells) {
            List<Match> matches = find(cell, column);
            boolean[] seen = new boolean[Kind.values().length];
            for (Match m : matches) {
                if (!seen[m.kind().ordinal()]) {
                    seen[m.kind().ordinal()] = true;
                    counts.computeIfAbsent(m.kind(), k -> new long[1])[0]++;
                    examples.putIfAbsent(m.kind(), mask(m.kind(), cell.substring(m.start(), m.end())));
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        counts.forEach((kind, n) -> findings.add(new Finding(column, kind, n[0],
                cells.isEmpty() ? 0 : n[0] / (double) cells.size(), examples.get(kind))));
        return findings;
    }

    /** {@code value} of kind {@code kind}, masked so that it cannot be read back. */
    static String mask(Kind kind, String value) {
        return switch (kind) {
            case EMAIL -> EmailDetector.mask(value);
            case PHONE -> PhoneDetector.mask(value);
            case CARD -> CardDetector.mask(value);
            case IBAN -> IbanDetector.mask(value);
            case IP -> IpDetector.mask(value);
            case BIRTH_DATE -> BirthDateDetector.mask(value);
        };
    }

    /** The findings as an aligned table, or a line saying there are none. */
    static String section(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "personal data: none found (e-mail, phone, card, IBAN, IP, birth date)\n";
        }
        ReportTable table = new ReportTable("personal data (column)", "kind", "rows", "share", "example");
        for (Finding f : findings) {
            table.row(f.column(), f.kind().name().toLowerCase(Locale.ROOT), Long.toString(f.rows()),
                    ReportTable.percent(f.share()), f.example());
        }
        return table.render();
    }
}
