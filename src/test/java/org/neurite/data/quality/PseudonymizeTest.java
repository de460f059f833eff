package org.neurite.data.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.TextDataset;
import org.neurite.data.csv.Csv;
import org.neurite.data.csv.CsvTable;

class PseudonymizeTest {
    private static final byte[] SALT = "neurite-test-salt-0001".getBytes(StandardCharsets.UTF_8);

    /** Customers with personal data in every column but the label; row i's e-mail repeats every 50 rows. */
    static CsvTable customers(int from, int to) {
        PersonalDataCorpus corpus = new PersonalDataCorpus(from, 1);
        List<List<String>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(List.of("Customer " + i, "user" + (i % 50) + "@example.com", corpus.birthDate(), corpus.ip(),
                    Integer.toString(i % 7), i % 3 == 0 ? "yes" : "no"));
        }
        return CsvTable.of(List.of("name", "email", "date_of_birth", "last_ip", "visits", "churned"), rows);
    }

    static CsvTable pseudonymise(CsvTable raw, TokenKey key) {
        CsvTable t = Pseudonymize.tokenize(raw, "email", key).data();
        t = Pseudonymize.year(t, "date_of_birth").data();
        t = Pseudonymize.ipPrefix(t, "last_ip").data();
        return Pseudonymize.drop(t, "name").data();
    }

    @Test
    void pseudonymisedSplitsJoinOnTheTokenAndTheReportFindsNoPersonalData() throws Exception {
        TokenKey key = TokenKey.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
        CsvTable rawTrain = customers(0, 600);
        CsvTable rawTest = customers(600, 800);
        assertEquals(3, PersonalData.scan(rawTrain).size(), PersonalData.scan(rawTrain)::toString);   // e-mail, date, IP
        CsvTable train = pseudonymise(rawTrain, key);
        CsvTable test = pseudonymise(rawTest, key);
        for (int r = 0; r < test.size(); r++) {
            String token = test.row(r).get(test.index("email"));
            assertTrue(token.startsWith("tok_") && token.length() == 30, token);
            int email = 600 + r;   // user(i % 50) appears in train at row i % 50
            assertEquals(token, train.row(email % 50).get(train.index("email")));
        }
        assertTrue(PersonalData.scan(train).isEmpty(), PersonalData.scan(train)::toString);
        String report = DataReport.of(train).toString();
        assertTrue(report.contains("none found"), report);
        assertEquals(List.of("email", "date_of_birth", "last_ip", "visits", "churned"), train.columns());
        java.io.IOException explodes = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Csv.loadWithSchema(train, "churned"));
        assertTrue(explodes.getMessage().contains("column 3 (\"last_ip\"): more than 50 distinct values"),
                "600 network prefixes would be 600 one-hot features: " + explodes.getMessage());
        Csv.Loaded loaded = Csv.loadWithSchema(Pseudonymize.drop(train, "last_ip").data(), "churned");
        assertEquals(600, loaded.data().size());
        assertEquals(200, Csv.load(Pseudonymize.drop(test, "last_ip").data(), "churned").size());
    }

    @Test
    void anotherKeyGivesAnotherTokenAndAPassphraseKeyIsDeterministic() {
        char[] passphrase = "correct horse battery staple".toCharArray();
        TokenKey a = TokenKey.fromPassphrase(passphrase, SALT);
        TokenKey b = TokenKey.fromPassphrase(passphrase, SALT);
        TokenKey other = TokenKey.random();
        String value = "jane.doe@example.com";
        assertEquals(Pseudonymize.token(a, value), Pseudonymize.token(b, value));
        assertNotEquals(Pseudonymize.token(a, value), Pseudonymize.token(other, value));
        assertNotEquals(Pseudonymize.token(a, value), Pseudonymize.token(a, "Jane.Doe@example.com"));
        assertEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(a.fingerprint(), other.fingerprint());
    }

    @Test
    void theKeyNeverShowsItsBytesOrThePassphrase() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (0xa0 + i);
        }
        TokenKey key = TokenKey.of(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        CsvTable table = CsvTable.of(List.of("email"), List.of(List.of("a@example.com")));
        List<String> messages = List.of(key.toString(), Pseudonymize.tokenize(table, "email", key).description(),
                Pseudonymize.tokenize(table, "email", key).toString());
        for (String message : messages) {
            assertFalse(message.toLowerCase().contains(hex.substring(0, 8)), message);
            assertFalse(message.contains(new String(bytes, StandardCharsets.ISO_8859_1)), message);
            assertFalse(message.contains("a@example.com"), message);
        }
        assertTrue(key.toString().matches("TokenKey\\[fingerprint [0-9a-f]{8}]"), key.toString());
        char[] passphrase = "s3cret passphrase".toCharArray();
        TokenKey derived = TokenKey.fromPassphrase(passphrase, SALT);
        assertFalse(derived.toString().contains("s3cret"));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> TokenKey.of(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
        assertFalse(shortKey.getMessage().toLowerCase().contains("deadbeef"));
        IllegalArgumentException noSalt = assertThrows(IllegalArgumentException.class,
                () -> TokenKey.fromPassphrase(passphrase, new byte[4]));
        assertFalse(noSalt.getMessage().contains("s3cret"));
        key.destroy();
        assertTrue(key.isDestroyed());
        assertEquals("TokenKey[destroyed]", key.toString());
        assertThrows(IllegalStateException.class, () -> Pseudonymize.token(key, "x"));
    }

    @Test
    void generalisationsKeepTheDomainTheYearAndTheNetwork() {
        CsvTable table = CsvTable.of(List.of("email", "dob", "ip"), List.of(
                List.of("Jane.Doe@Example.COM", "1984-03-12", "192.168.17.4"),
                List.of("not an address", "12 March 1990", "2001:db8:85a3:8d3:1319:8a2e:370:7348"),
                List.of("", "12.03.1975", "2001:db8::1")));
        Pseudonymized<CsvTable> domain = Pseudonymize.emailDomain(table, "email");
        assertEquals(List.of("example.com", "", ""), domain.data().column("email"));
        assertEquals(2, domain.changed());
        assertTrue(domain.description().contains("1 cells of another form were emptied"), domain.description());
        assertEquals(List.of("1984", "1990", "1975"), Pseudonymize.year(table, "dob").data().column("dob"));
        assertEquals(List.of("192.168.17.0/24", "2001:db8:85a3::/48", "2001:db8:0::/48"),
                Pseudonymize.ipPrefix(table, "ip").data().column("ip"));
        assertEquals(List.of("email", "dob", "ip"), table.columns());   // the input is unchanged
        assertEquals("1984-03-12", table.row(0).get(1));
    }

    @Test
    void textsGetTypeTokensBeforeTokenisation() {
        TextDataset texts = TextDataset.of(List.of(
                "Mail jane@example.com or call +49 30 1234567, born 12.03.1984.",
                "Paid with 4111 1111 1111 1111 from 10.0.0.1 to DE89 3704 0044 0532 0130 00",
                "Shipped on 2021-05-03, version 1.2.3.4.5, order 4111 1111 1111 1112"), new float[] {1, 0, 1});
        Pseudonymized<TextDataset> step = Pseudonymize.texts(texts);
        assertEquals(List.of("Mail <EMAIL> or call <PHONE>, born <DATE>.", "Paid with <CARD> from <IP> to <IBAN>",
                "Shipped on 2021-05-03, version 1.2.3.4.5, order 4111 1111 1111 1112"), step.data().texts());
        assertEquals(6, step.changed());
        assertTrue(PersonalData.scan(step.data()).isEmpty());
        assertEquals(6, DataReport.of(texts).personalData().size());
        assertFalse(step.description().contains("jane"));
    }

    @Test
    void aTableSurvivesWritingAndReading(@TempDir Path dir) throws Exception {
        CsvTable table = CsvTable.of(List.of("a", "b"), List.of(List.of("x, \"y\"", " padded "), List.of("", "2")));
        Path file = dir.resolve("t.csv");
        Csv.write(table, file);
        CsvTable back = Csv.table(file);
        assertEquals(table.columns(), back.columns());
        assertEquals(table.row(0), back.row(0));
        assertEquals(table.row(1), back.row(1));
    }
}
