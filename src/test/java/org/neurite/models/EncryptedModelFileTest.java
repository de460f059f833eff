package org.neurite.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neurite.callbacks.Callback;
import org.neurite.callbacks.ModelCheckpoint;
import org.neurite.io.EncryptedFileException.Reason;
import org.neurite.io.EncryptedFileException;
import org.neurite.io.FileCipher;
import org.neurite.io.FileKey;
import org.neurite.layers.Dense;
import org.neurite.layers.Input;

/** Issue 17: model files encrypted with AES-256-GCM (docs/saving.md, "Encrypted model files"). */
class EncryptedModelFileTest {
    @TempDir
    Path dir;

    private static final INDArray X = Nd4j.linspace(-1, 1, 24, DataType.FLOAT).reshape(6, 4);
    private static final INDArray Y = Nd4j.createFromArray(0f, 1f, 2f, 0f, 1f, 2f).reshape(6, 1);
    /** The fewest iterations allowed, so that the passphrase tests stay fast. */
    private static final int FAST = FileKey.MIN_ITERATIONS;

    private static Sequential trained() {
        Sequential model = new Sequential(new Input(4), new Dense(8, "relu").name("hidden"),
                new Dense(3, "softmax").name("out"));
        model.compile("adam", "sparse_categorical_crossentropy");
        model.fit(X, Y, Fit.epochs(2).batchSize(6).shuffle(false).verbose(0));
        return model;
    }

    private static float[] bits(INDArray a) {
        return SaveLoadTest.bits(a);
    }

    private static EncryptedFileException refused(Reason reason, ThrowingLoad load) {
        EncryptedFileException e = assertThrows(EncryptedFileException.class, load::run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    private interface ThrowingLoad {
        void run() throws IOException;
    }

    /** The raw little-endian float bytes of every weight and optimizer slot, as a plain file stores them. */
    private static List<byte[]> rawTensors(Model model) {
        List<INDArray> all = new java.util.ArrayList<>(ModelWeights.of(model).values());
        all.addAll(ModelWeights.optimizerState(model, model.optimizer()).values());
        return all.stream().map(a -> {
            float[] f = a.dup('c').data().asFloat();
            ByteBuffer b = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : f) {
                b.putFloat(v);
            }
            return b.array();
        }).toList();
    }

    private static Set<ByteBuffer> windows(byte[] bytes, int width) {
        Set<ByteBuffer> out = new HashSet<>();
        for (int i = 0; i + width <= bytes.length; i++) {
            out.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, i, i + width)));
        }
        return out;
    }

    @Test
    void anEncryptedFileHoldsNoneOfThePlainWeightBytes() throws IOException {
        Sequential model = trained();
        Path plain = dir.resolve("plain.neurite");
        Path sealed = dir.resolve("sealed.neurite");
        model.save(plain);
        model.save(sealed, FileKey.random());
        byte[] encrypted = Files.readAllBytes(sealed);
        assertTrue(FileCipher.isEncrypted(encrypted));
        Set<ByteBuffer> plainWindows = windows(Files.readAllBytes(plain), 16);
        Set<ByteBuffer> encryptedWindows = windows(encrypted, 16);
        int checked = 0;
        for (byte[] tensor : rawTensors(model)) {
            for (ByteBuffer w : windows(tensor, 16)) {
                assertTrue(plainWindows.contains(w), "the plain file holds the raw weights (the test's premise)");
                assertFalse(encryptedWindows.contains(w), "a 16-byte window of a weight appears in the encrypted file");
                checked++;
            }
        }
        assertTrue(checked > 100, "windows checked: " + checked);
        String text = new String(encrypted, java.nio.charset.StandardCharsets.ISO_8859_1);
        // the zip's 4-byte local-header signature, not just "PK": two random bytes match "PK" in
        // about one ciphertext in four, four bytes in about one in 200,000
        assertFalse(text.contains("hidden") || text.contains("config.json") || text.contains("PK\u0003\u0004"),
                "no layer name, entry name or zip signature is readable");
    }

    @Test
    void itLoadsWithTheKeyToIdenticalPredictionsAndOptimizerState() throws IOException {
        Sequential model = trained();
        FileKey key = FileKey.random();
        Path file = dir.resolve("m.neurite");
        model.save(file, key);
        Sequential loaded = Sequential.load(file, key);
        assertArrayEquals(bits(model.predict(X)), bits(loaded.predict(X)));
        assertEquals(model.optimizer().iterations(), loaded.optimizer().iterations());
        Map<String, INDArray> before = ModelWeights.optimizerState(model, model.optimizer());
        Map<String, INDArray> after = ModelWeights.optimizerState(loaded, loaded.optimizer());
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(bits(v), bits(after.get(k)), k));

        model.fit(X, Y, Fit.epochs(4).initialEpoch(2).batchSize(3).shuffle(false).verbose(0));
        loaded.fit(X, Y, Fit.epochs(4).initialEpoch(2).batchSize(3).shuffle(false).verbose(0));
        assertArrayEquals(bits(model.predict(X)), bits(loaded.predict(X)), "fit continues identically");

        Model functional = Model.load(file, key);   // Model.load returns the Sequential too
        assertArrayEquals(bits(Sequential.load(file, key).predict(X)), bits(functional.predict(X)));
    }

    @Test
    void loadWeightsWithAKey() throws IOException {
        Sequential model = trained();
        FileKey key = FileKey.random();
        Path file = dir.resolve("w.neurite");
        model.save(file, key);
        Sequential other = new Sequential(new Input(4), new Dense(8, "relu").name("hidden"),
                new Dense(3, "softmax").name("out"));
        refused(Reason.KEY_REQUIRED, () -> other.loadWeights(file));
        other.loadWeights(file, key);
        assertArrayEquals(bits(model.predict(X)), bits(other.predict(X)));
        Sequential third = new Sequential(new Input(4), new Dense(8, "relu").name("hidden"),
                new Dense(3, "softmax").name("out"));
        assertEquals(List.of("hidden", "out"), third.loadWeightsByName(file, key));
        refused(Reason.WRONG_KEY, () -> third.loadWeightsByName(file, FileKey.random()));
    }

    @Test
    void aWrongKeyAMissingKeyAndAKeyForAPlainFileAreDistinctErrors() throws IOException {
        Sequential model = trained();
        FileKey key = FileKey.random();
        Path file = dir.resolve("m.neurite");
        model.save(file, key);
        EncryptedFileException wrong = refused(Reason.WRONG_KEY, () -> Sequential.load(file, FileKey.random()));
        assertTrue(wrong.getMessage().contains("wrong key") && wrong.getMessage().contains(file.toString()),
                wrong.getMessage());
        EncryptedFileException missing = refused(Reason.KEY_REQUIRED, () -> Sequential.load(file));
        assertTrue(missing.getMessage().contains("encrypted"), missing.getMessage());
        refused(Reason.KEY_REQUIRED, () -> Model.load(file));

        Path plain = dir.resolve("plain.neurite");
        model.save(plain);
        EncryptedFileException notEncrypted = refused(Reason.NOT_ENCRYPTED, () -> Sequential.load(plain, key));
        assertTrue(notEncrypted.getMessage().contains("not encrypted"), notEncrypted.getMessage());
        assertArrayEquals(bits(model.predict(X)), bits(Sequential.load(plain).predict(X)), "plain files load as before");

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.neurite");
        for (int length : new int[] {8, 20, FileCipher.HEADER, FileCipher.HEADER + 15, bytes.length - 1}) {
            Files.write(truncated, Arrays.copyOf(bytes, length));
            refused(Reason.DAMAGED, () -> Sequential.load(truncated, key));
        }
    }

    /** Flips {@code mask} into byte {@code i} and checks the load is refused as damaged, never loaded. */
    private void assertFlipRefused(byte[] good, int i, int mask, FileKey key, Path file) throws IOException {
        byte[] bad = good.clone();
        bad[i] ^= (byte) mask;
        Files.write(file, bad);
        try {
            Sequential.load(file, key);
            fail("byte " + i + " flipped with " + mask + " loaded");
        } catch (EncryptedFileException e) {
            assertEquals(Reason.DAMAGED, e.reason(), "byte " + i + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void oneFlippedByteAnywhereIsRefusedAsDamaged() throws IOException {
        Sequential model = trained();
        FileKey key = FileKey.random();
        Path good = dir.resolve("good.neurite");
        model.save(good, key);
        byte[] bytes = Files.readAllBytes(good);
        Path file = dir.resolve("bad.neurite");
        for (int i = 0; i < FileCipher.HEADER; i++) {          // every header byte: magic, version, KDF, salt, nonce, check
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                assertFlipRefused(bytes, i, mask, key, file);
            }
        }
        for (int i = FileCipher.HEADER; i < bytes.length - FileCipher.TAG; i += 13) {   // a sample of the ciphertext
            assertFlipRefused(bytes, i, 0x01, key, file);
        }
        for (int i = bytes.length - FileCipher.TAG; i < bytes.length; i++) {   // every tag byte
            assertFlipRefused(bytes, i, 0x01, key, file);
        }
        assertArrayEquals(bits(model.predict(X)), bits(Sequential.load(good, key).predict(X)));
    }

    @Test
    void passphraseKeys() throws IOException {
        Sequential model = trained();
        Path file = dir.resolve("p.neurite");
        FileKey key = FileKey.fromPassphrase("correct horse battery staple".toCharArray(), FAST);
        model.save(file, key);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(1, bytes[11], "KDF 1 = PBKDF2-HMAC-SHA256");
        assertEquals(FAST, ByteBuffer.wrap(bytes).getInt(12), "the iteration count is in the header");

        // the same passphrase, as a new key with another default count: the file's count is used
        FileKey same = FileKey.fromPassphrase("correct horse battery staple".toCharArray(), FAST + 1);
        assertArrayEquals(bits(model.predict(X)), bits(Sequential.load(file, same).predict(X)));
        refused(Reason.WRONG_KEY, () -> Sequential.load(file,
                FileKey.fromPassphrase("correct horse battery stapler".toCharArray(), FAST)));
        refused(Reason.WRONG_KEY, () -> Sequential.load(file, FileKey.random()));

        Path raw = dir.resolve("raw.neurite");
        model.save(raw, FileKey.random());
        refused(Reason.WRONG_KEY, () -> Sequential.load(raw, same));
    }

    @Test
    void twoSavesOfOneModelDiffer() throws IOException {
        Sequential model = trained();
        for (FileKey key : List.of(FileKey.random(), FileKey.fromPassphrase("pw".toCharArray(), FAST))) {
            Path a = dir.resolve("a.neurite");
            Path b = dir.resolve("b.neurite");
            model.save(a, key);
            model.save(b, key);
            byte[] x = Files.readAllBytes(a);
            byte[] y = Files.readAllBytes(b);
            assertFalse(Arrays.equals(x, 16, 32, y, 16, 32), "fresh salt");
            assertFalse(Arrays.equals(x, 32, 44, y, 32, 44), "fresh nonce");
            assertFalse(Arrays.equals(x, FileCipher.HEADER, x.length, y, FileCipher.HEADER, y.length));
            assertArrayEquals(bits(Sequential.load(a, key).predict(X)), bits(Sequential.load(b, key).predict(X)));
        }
    }

    @Test
    void modelCheckpointWritesEncryptedCheckpoints() throws IOException {
        Sequential model = new Sequential(new Input(4), new Dense(8, "relu"), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        FileKey key = FileKey.random();
        ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("ckpt-{epoch}.neurite")).encryptWith(key);
        model.fit(X, Y, Fit.epochs(3).batchSize(6).shuffle(false).verbose(0).callbacks(checkpoint));
        for (int epoch = 0; epoch < 3; epoch++) {
            Path file = checkpoint.pathFor(epoch);
            assertTrue(FileCipher.isEncrypted(Files.readAllBytes(file)), file.toString());
            Path f = file;
            refused(Reason.KEY_REQUIRED, () -> Sequential.load(f));
            Sequential.load(file, key);
        }
        assertArrayEquals(bits(model.predict(X)), bits(Sequential.load(checkpoint.lastSaved(), key).predict(X)));
    }

    @Test
    void aFailingOrInterruptedEncryptedSaveLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Sequential model = trained();
        FileKey key = FileKey.random();
        Path file = dir.resolve("m.neurite");
        model.save(file, key);
        byte[] saved = Files.readAllBytes(file);
        INDArray before = model.predict(X);
        model.fit(X, Y, Fit.epochs(2).batchSize(6).verbose(0));

        IOException e = assertThrows(IOException.class, () -> ModelFile.save(model, file, key,
                out -> new SaveLoadTest.FailingStream(out, saved.length / 2)));
        assertTrue(e.getMessage().contains("injected") && e.getMessage().contains("previous file is unchanged"),
                e.getMessage());
        assertArrayEquals(saved, Files.readAllBytes(file));

        try {
            IOException i = assertThrows(IOException.class, () -> ModelFile.save(model, file, key,
                    out -> new SaveLoadTest.InterruptingStream(out, saved.length / 2)));
            assertTrue(i.getMessage().contains("interrupted"), i.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertArrayEquals(saved, Files.readAllBytes(file));
        assertArrayEquals(bits(before), bits(Sequential.load(file, key).predict(X)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void anEncryptedSaveIsGuardedLikeAPlainOne() throws Exception {
        Sequential model = new Sequential(new Input(4), new Dense(3, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        FileKey key = FileKey.random();
        Path file = dir.resolve("g.neurite");
        AtomicReference<Throwable> other = new AtomicReference<>();
        model.fit(X, Y, Fit.epochs(1).batchSize(6).verbose(0).callbacks(new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                Thread t = new Thread(() -> {
                    try {
                        model.save(file, key);
                    } catch (Throwable e) {
                        other.set(e);
                    }
                });
                t.start();
                try {
                    t.join(30_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }));
        assertTrue(other.get() instanceof IllegalStateException, String.valueOf(other.get()));
        assertFalse(Files.exists(file), "a refused save writes nothing");
    }

    @Test
    void aFileKeyShowsNoSecret() {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 0x41);
        FileKey key = FileKey.of(raw);
        assertFalse(key.toString().contains("AAAA") || key.toString().contains("65"), key.toString());
        FileKey pass = FileKey.fromPassphrase("hunter2".toCharArray(), FAST);
        assertFalse(pass.toString().contains("hunter2"), pass.toString());
        assertNotEquals(key, FileKey.of(raw), "equality is identity: no comparison of secrets");
        assertThrows(IllegalArgumentException.class, () -> FileKey.of(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> FileKey.fromPassphrase(new char[0]));
        assertThrows(IllegalArgumentException.class, () -> FileKey.fromPassphrase("x".toCharArray(), 1000));
        key.destroy();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, () -> trained().save(dir.resolve("x.neurite"), key));
    }
}
