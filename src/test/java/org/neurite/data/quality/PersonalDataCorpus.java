package org.neurite.data.quality;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** A generated corpus of texts with planted personal data of known spans, mixed with look-alikes. */
final class PersonalDataCorpus {
    record Planted(PersonalData.Kind kind, int start, int end) {
    }

    final List<String> texts = new ArrayList<>();
    final List<List<Planted>> planted = new ArrayList<>();
    private final Random random;

    private static final String[] FIRST = {"jane", "John", "ana-maria", "li", "o.brien", "Zoe", "mark_t", "EVA"};
    private static final String[] DOMAINS = {"example.com", "Mail.Example.org", "uni-bonn.de", "example.co.uk",
        "corp.example.io"};
    private static final String[] FILLER = {"please check the account", "ticket updated", "as discussed",
        "see below", "thanks", "customer wrote", "note:", "re: your order", "follow-up"};

    PersonalDataCorpus(long seed, int perKind) {
        random = new Random(seed);
        List<Runnable> items = new ArrayList<>();
        StringBuilder[] text = new StringBuilder[1];
        List<Planted>[] spans = newList();
        for (PersonalData.Kind kind : PersonalData.Kind.values()) {
            for (int i = 0; i < perKind; i++) {
                items.add(() -> plant(text[0], spans[0], kind));
            }
        }
        for (int i = 0; i < 3 * perKind; i++) {
            items.add(() -> text[0].append(lookAlike()));
        }
        java.util.Collections.shuffle(items, random);
        for (int i = 0; i < items.size(); i += 3) {
            text[0] = new StringBuilder(FILLER[random.nextInt(FILLER.length)]);
            spans[0] = new ArrayList<>();
            for (int j = i; j < Math.min(items.size(), i + 3); j++) {
                text[0].append(' ').append(FILLER[random.nextInt(FILLER.length)]).append(' ');
                items.get(j).run();
                text[0].append(random.nextBoolean() ? "." : ",");
            }
            texts.add(text[0].toString());
            planted.add(spans[0]);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Planted>[] newList() {
        return new List[1];
    }

    private void plant(StringBuilder text, List<Planted> spans, PersonalData.Kind kind) {
        String[] contextAndValue = switch (kind) {
            case EMAIL -> new String[] {"mail", email()};
            case PHONE -> new String[] {"reach me on", phone()};
            case CARD -> new String[] {"paid with", card()};
            case IBAN -> new String[] {"refund to", iban()};
            case IP -> new String[] {"login from", ip()};
            case BIRTH_DATE -> new String[] {pick("born on", "date of birth:", "DOB", "birthday", "born"),
                birthDate()};
        };
        text.append(contextAndValue[0]).append(' ');
        int start = text.length();
        text.append(contextAndValue[1]);
        spans.add(new Planted(kind, start, text.length()));
    }

    private String lookAlike() {
        return switch (random.nextInt(9)) {
            case 0 -> "order " + failingLuhn();
            case 1 -> "ref " + digits(5 + random.nextInt(8));
            case 2 -> pick("version ", "release ", "build ", "") + (1 + random.nextInt(9)) + "." + random.nextInt(20)
                    + "." + random.nextInt(20) + "." + random.nextInt(99) + "." + random.nextInt(99);
            case 3 -> pick("shipped on ", "invoice date ", "logged at ", "") + isoDate(2000 + random.nextInt(24));
            case 4 -> "account " + failingIban();
            case 5 -> "at " + String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60),
                    random.nextInt(60));
            case 6 -> "device " + mac();
            case 7 -> "amount " + random.nextInt(100_000) + "." + String.format(Locale.ROOT, "%02d", random.nextInt(100))
                    + " EUR";
            default -> "case #" + digits(6) + "-" + digits(4);
        };
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String digits(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    String email() {
        String local = FIRST[random.nextInt(FIRST.length)] + (random.nextBoolean() ? "." + digits(2) : "")
                + (random.nextInt(5) == 0 ? "+news" : "");
        return local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
    }

    String phone() {
        return switch (random.nextInt(10)) {
            case 0 -> "+49 30 " + digits(7);
            case 1 -> "+1 (" + (2 + random.nextInt(8)) + digits(2) + ") " + digits(3) + "-" + digits(4);
            case 2 -> "+44 20 " + digits(4) + " " + digits(4);
            case 3 -> "+33 " + (1 + random.nextInt(9)) + " " + digits(2) + " " + digits(2) + " " + digits(2) + " "
                    + digits(2);
            case 4 -> "(" + (2 + random.nextInt(8)) + digits(2) + ") " + digits(3) + "-" + digits(4);
            case 5 -> (2 + random.nextInt(8)) + digits(2) + "-" + digits(3) + "-" + digits(4);
            case 6 -> (2 + random.nextInt(8)) + digits(2) + "." + digits(3) + "." + digits(4);
            case 7 -> "030 " + digits(8);
            case 8 -> "0171 " + digits(7);
            default -> "+4915" + digits(9);
        };
    }

    String card() {
        String prefix;
        int length;
        switch (random.nextInt(4)) {
            case 0 -> { prefix = "4"; length = 16; }
            case 1 -> { prefix = "5" + (1 + random.nextInt(5)); length = 16; }
            case 2 -> { prefix = random.nextBoolean() ? "34" : "37"; length = 15; }
            default -> { prefix = "6011"; length = 16; }
        }
        String body = prefix + digits(length - prefix.length() - 1);
        String number = body + luhnDigit(body);
        return format(number);
    }

    private String failingLuhn() {
        String body = "4" + digits(14);
        return format(body + (char) ('0' + (luhnDigit(body) - '0' + 1 + random.nextInt(9)) % 10));
    }

    private String format(String number) {
        String sep = pick("", " ", "-");
        if (sep.isEmpty()) {
            return number;
        }
        if (number.length() == 15) {
            return number.substring(0, 4) + sep + number.substring(4, 10) + sep + number.substring(10);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < number.length(); i += 4) {
            out.append(i == 0 ? "" : sep).append(number, i, Math.min(number.length(), i + 4));
        }
        return out.toString();
    }

    static char luhnDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            if (CardDetector.luhn(body + d)) {
                return d;
            }
        }
        throw new AssertionError();
    }

    private static final String[][] COUNTRIES = {{"DE", "18"}, {"GB", "18"}, {"FR", "23"}, {"NL", "14"},
        {"AT", "16"}, {"ES", "20"}, {"IT", "23"}, {"BE", "12"}};

    String iban() {
        String[] c = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String bban = bban(c[0], Integer.parseInt(c[1]));
        int check = 98 - mod97(bban + c[0] + "00");
        return group(c[0] + String.format(Locale.ROOT, "%02d", check) + bban);
    }

    private String failingIban() {
        String[] c = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String bban = bban(c[0], Integer.parseInt(c[1]));
        int check = (98 - mod97(bban + c[0] + "00") + 1 + random.nextInt(50)) % 97;
        return group(c[0] + String.format(Locale.ROOT, "%02d", Math.max(2, check)) + bban);
    }

    private String bban(String country, int length) {
        if (country.equals("GB") || country.equals("NL")) {
            return pick("NWBK", "ABNA", "RABO", "BARC") + digits(length - 4);
        }
        return digits(length);
    }

    private String group(String iban) {
        if (random.nextBoolean()) {
            return iban;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
        }
        return out.toString();
    }

    private static int mod97(String text) {
        StringBuilder number = new StringBuilder();
        for (char ch : text.toCharArray()) {
            number.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
        }
        return new BigInteger(number.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    String ip() {
        if (random.nextBoolean()) {
            return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
        }
        String[] groups = new String[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Integer.toHexString(random.nextInt(65536));
        }
        if (random.nextBoolean()) {
            return String.join(":", groups);
        }
        return groups[0] + ":" + groups[1] + "::" + groups[6] + ":" + groups[7];
    }

    private String mac() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(i == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02x", random.nextInt(256)));
        }
        return out.toString();
    }

    String birthDate() {
        int year = 1930 + random.nextInt(75);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        return switch (random.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
            case 1 -> String.format(Locale.ROOT, "%02d.%02d.%04d", day, month, year);
            case 2 -> String.format(Locale.ROOT, "%02d/%02d/%04d", day, month, year);
            default -> day + " " + java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL,
                    Locale.ENGLISH) + " " + year;
        };
    }

    String isoDate(int year) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28));
    }
}
