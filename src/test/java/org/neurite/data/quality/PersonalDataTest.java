package org.neurite.data.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.neurite.data.csv.CsvTable;

class PersonalDataTest {
    static final int PER_KIND = 1200;

    @Test
    void detectionReachesTheRecallAndPrecisionOfTheAcceptanceCriteriaOnAGeneratedCorpus() {
        PersonalDataCorpus corpus = new PersonalDataCorpus(17, PER_KIND);
        Map<PersonalData.Kind, long[]> counts = new EnumMap<>(PersonalData.Kind.class);   // planted, found, right
        for (PersonalData.Kind kind : PersonalData.Kind.values()) {
            counts.put(kind, new long[3]);
        }
        List<String> misses = new ArrayList<>();
        for (int t = 0; t < corpus.texts.size(); t++) {
            String text = corpus.texts.get(t);
            Set<PersonalDataCorpus.Planted> expected = new HashSet<>(corpus.planted.get(t));
            expected.forEach(p -> counts.get(p.kind())[0]++);
            Set<PersonalDataCorpus.Planted> hit = new HashSet<>();
            for (PersonalData.Match m : PersonalData.find(text)) {
                counts.get(m.kind())[1]++;
                PersonalDataCorpus.Planted p = new PersonalDataCorpus.Planted(m.kind(), m.start(), m.end());
                if (expected.contains(p)) {
                    counts.get(m.kind())[2]++;
                    hit.add(p);
                } else if (misses.size() < 20) {
                    misses.add("false " + m.kind() + ": \"" + text.substring(m.start(), m.end()) + "\" in: " + text);
                }
            }
            for (PersonalDataCorpus.Planted p : expected) {
                if (!hit.contains(p) && misses.size() < 20) {
                    misses.add("missed " + p.kind() + ": \"" + text.substring(p.start(), p.end()) + "\" in: " + text);
                }
            }
        }
        misses.forEach(System.out::println);
        StringBuilder figures = new StringBuilder();
        boolean ok = true;
        for (PersonalData.Kind kind : PersonalData.Kind.values()) {
            long[] n = counts.get(kind);
            double recall = n[2] / (double) n[0];
            double precision = n[1] == 0 ? 0 : n[2] / (double) n[1];
            figures.append(String.format(Locale.ROOT, "%-10s planted %5d  found %5d  recall %.4f  precision %.4f%n",
                    kind, n[0], n[1], recall, precision));
            ok &= n[0] >= 1000 && recall >= 0.98 && precision >= 0.95;
        }
        System.out.print(figures);
        assertTrue(ok, figures::toString);
    }

    @Test
    void aBirthDateIsFoundByItsColumnNameAndNotInAnOrderDateColumn() {
        PersonalDataCorpus corpus = new PersonalDataCorpus(5, 1);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of(corpus.birthDate(), corpus.isoDate(2001 + i % 20), corpus.birthDate(), Integer.toString(i)));
        }
        CsvTable table = CsvTable.of(List.of("date_of_birth", "order_date", "Geburtsdatum", "id"), rows);
        List<PersonalData.Finding> findings = PersonalData.scan(table);
        assertEquals(2, findings.size(), findings::toString);
        for (PersonalData.Finding f : findings) {
            assertEquals(PersonalData.Kind.BIRTH_DATE, f.kind());
            assertEquals(1000, f.rows());
            assertEquals(1.0, f.share());
        }
        for (String name : List.of("dob", "DOB", "birthday", "date_of_birth", "BirthDate", "geburtsdatum", "born_on")) {
            assertTrue(BirthDateDetector.isBirthColumn(name), name);
        }
        for (String name : List.of("order_date", "created", "shipped_at", "dobby_count".substring(5))) {
            assertFalse(BirthDateDetector.isBirthColumn(name), name);
        }
    }

    @Test
    void findingsMaskTheirExamples() {
        CsvTable table = CsvTable.of(List.of("email", "card", "phone", "iban", "ip"), List.of(
                List.of("jane.doe@example.com", "4111 1111 1111 1111", "+49 30 1234567", "DE89 3704 0044 0532 0130 00",
                        "192.168.17.4")));
        Map<PersonalData.Kind, String> examples = new EnumMap<>(PersonalData.Kind.class);
        PersonalData.scan(table).forEach(f -> examples.put(f.kind(), f.example()));
        assertEquals("j***@e***.com", examples.get(PersonalData.Kind.EMAIL));
        assertEquals("**** **** **** 1111", examples.get(PersonalData.Kind.CARD));
        assertEquals("+** ** *****67", examples.get(PersonalData.Kind.PHONE));
        assertFalse(examples.get(PersonalData.Kind.IBAN).contains("3704"));
        assertEquals("192.*.*.*", examples.get(PersonalData.Kind.IP));
        String report = DataReport.of(table).toString();
        System.out.print(report);
        for (String value : List.of("jane", "doe@", "1111 1111 1111 1111", "1234567", "3704", "168.17")) {
            assertFalse(report.contains(value), value);
        }
    }

    @Test
    void aPhoneColumnCountsPlainDigitRunsButFreeTextDoesNot() {
        CsvTable table = CsvTable.of(List.of("mobile", "reference"), List.of(List.of("4915112345679", "4915112345679")));
        List<PersonalData.Finding> findings = PersonalData.scan(table);
        assertEquals(1, findings.size(), findings::toString);
        assertEquals("mobile", findings.get(0).column());
        assertEquals(1, PersonalData.find("call 4915112345679").size());
    }

    @Test
    void validatorsFollowTheirStandards() {
        assertTrue(IbanDetector.valid("GB82 WEST 1234 5698 7654 32"));
        assertFalse(IbanDetector.valid("GB82 WEST 1234 5698 7654 33"));
        assertTrue(IpDetector.isV6("::1"));
        assertTrue(IpDetector.isV6("2001:db8::8a2e:370:7334"));
        assertTrue(IpDetector.isV6("::ffff:192.0.2.128"));
        assertFalse(IpDetector.isV6("2001:db8::8a2e::7334"));
        assertFalse(IpDetector.isV6("12:30:45"));
        assertTrue(PersonalData.find("from 256.1.1.1").isEmpty());
        assertTrue(PersonalData.find("the network 10.1.2.0/24").isEmpty());
        assertEquals(1, PersonalData.find("from 10.1.2.3.").size());
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            assertTrue(new HashSet<>(PersonalData.find("x " + new PersonalDataCorpus(i, 1).card())).size() == 1);
        }
    }
}
