package org.neurite.data.quality;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a valid calendar date between 1900 and today ({@code 1984-03-12},
 * {@code 1984/03/12}, {@code 12.03.1984}, {@code 12/03/1984}, {@code 03-12-1984},
 * {@code 12 March 1984}, {@code March 12, 1984}) where the context says it is a birth date: in a
 * column whose name looks like one ({@code dob}, {@code birth}, {@code birthday},
 * {@code date_of_birth}, {@code geburtsdatum}, ...) or in a text after "born", "birth", "DOB",
 * "geboren" and the like. Other dates (orders, shipping, logs) are not personal data by their form.
 */
final class BirthDateDetector {
    private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final Pattern DATE = Pattern.compile("(?i)(?<![\\w.:/-])(?:"
            + "(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})"
            + "|(\\d{1,2})([-/.])(\\d{1,2})\\6(\\d{4})"
            + "|(\\d{1,2})\\.? (" + MONTHS + ")\\.?,? (\\d{4})"
            + "|(" + MONTHS + ")\\.? (\\d{1,2}),? (\\d{4}))"
            + "(?![\\w:/]|[.-]\\d)");
    private static final Pattern BIRTH_NAME = Pattern.compile(
            "(?i).*(?:dob|birth|born|geburt|gebdat|gebdatum|naissance|nascita|nacimiento|fechanac|geboorte).*");
    private static final Pattern BIRTH_TEXT = Pattern.compile(
            "(?i)(?:\\bborn|\\bbirth(?:day|date)?|\\bd\\.?o\\.?b\\.?|\\bgeboren|\\bgeb\\.|\\bgeburtsdatum|\\bnée?)"
                    + "\\b[^\\n\\d]{0,20}$");

    private BirthDateDetector() {
    }

    /** Whether a column named {@code name} holds birth dates, by its name. */
    static boolean isBirthColumn(String name) {
        return name != null && BIRTH_NAME.matcher(name.replaceAll("[^A-Za-z]", "")).matches();
    }

    static void find(String text, boolean birthContext, List<PersonalData.Match> out) {
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            if (year(m) > 0 && (birthContext
                    || BIRTH_TEXT.matcher(text.substring(Math.max(0, m.start() - 32), m.start())).find())) {
                out.add(new PersonalData.Match(PersonalData.Kind.BIRTH_DATE, m.start(), m.end()));
            }
        }
    }

    /** The year of a date cell, or -1 when {@code cell} is not a whole date. */
    static int year(String cell) {
        Matcher m = DATE.matcher(cell.strip());
        return m.matches() ? year(m) : -1;
    }

    /** The year of the date matched, or -1 when it is no valid date from 1900 to today. */
    private static int year(Matcher m) {
        try {
            int year;
            int month;
            int day;
            if (m.group(1) != null) {
                year = Integer.parseInt(m.group(1));
                month = Integer.parseInt(m.group(3));
                day = Integer.parseInt(m.group(4));
            } else if (m.group(5) != null) {
                year = Integer.parseInt(m.group(8));
                int first = Integer.parseInt(m.group(5));
                int second = Integer.parseInt(m.group(7));
                // day-month (most of the world) unless that is impossible and month-day (US) is not
                boolean dayFirst = second <= 12;
                day = dayFirst ? first : second;
                month = dayFirst ? second : first;
            } else if (m.group(9) != null) {
                day = Integer.parseInt(m.group(9));
                month = month(m.group(10));
                year = Integer.parseInt(m.group(11));
            } else {
                month = month(m.group(12));
                day = Integer.parseInt(m.group(13));
                year = Integer.parseInt(m.group(14));
            }
            LocalDate date = LocalDate.of(year, month, day);
            return year >= 1900 && !date.isAfter(LocalDate.now()) ? year : -1;
        } catch (DateTimeException | NumberFormatException e) {
            return -1;
        }
    }

    private static int month(String name) {
        String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
                .indexOf(prefix) + 1;
    }

    /** {@code ****-**-**}: the form without the digits. */
    static String mask(String date) {
        return date.replaceAll("\\d", "*");
    }
}
