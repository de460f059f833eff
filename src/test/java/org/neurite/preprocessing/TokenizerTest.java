package org.neurite.preprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Expected values are those of Keras's text.Tokenizer on the same inputs. */
class TokenizerTest {
    private static final List<String> SENTENCES = List.of("I love my dog", "I love my cat", "You love my dog!",
            "Do you think my dog is amazing?");

    @Test
    void oovTakesIndexOneAndWordsRankByFrequencyThenFirstSeen() {
        Tokenizer tokenizer = new Tokenizer(100, "<OOV>");
        tokenizer.fitOnTexts(SENTENCES);
        Map<String, Integer> expected = new LinkedHashMap<>();
        String[] words = {"<OOV>", "my", "love", "dog", "i", "you", "cat", "do", "think", "is", "amazing"};
        for (int i = 0; i < words.length; i++) {
            expected.put(words[i], i + 1);
        }
        assertEquals(expected, tokenizer.wordIndex());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(tokenizer.wordIndex().keySet()), "index order");
        List<int[]> seqs = tokenizer.textsToSequences(List.of("i really love my dog", "my dog loves my manatee"));
        assertArrayEquals(new int[] {5, 1, 3, 2, 4}, seqs.get(0));
        assertArrayEquals(new int[] {2, 4, 1, 2, 1}, seqs.get(1));
        assertEquals(4, tokenizer.documentCount());
        assertEquals(4, tokenizer.wordCounts().get("my"));
    }

    @Test
    void numWordsKeepsIndicesBelowIt() {
        Tokenizer withOov = new Tokenizer(4, "<OOV>");
        withOov.fitOnTexts(SENTENCES);
        assertEquals(11, withOov.wordIndex().size(), "the index keeps every word");
        // kept: <OOV>=1, my=2, love=3; dog (4) and the rest become OOV
        assertArrayEquals(new int[] {1, 3, 2, 1}, withOov.textsToSequences(List.of("I love my dog")).get(0));

        Tokenizer noOov = new Tokenizer(3, null);
        noOov.fitOnTexts(SENTENCES);
        // my=1, love=2 kept, dog=3 and unknown words dropped
        assertArrayEquals(new int[] {2, 1}, noOov.textsToSequences(List.of("I love my dog zebra")).get(0));

        Tokenizer unlimited = new Tokenizer();
        unlimited.fitOnTexts(SENTENCES);
        assertEquals(1, unlimited.wordIndex().get("my"));
        assertArrayEquals(new int[] {4, 3}, unlimited.textsToSequences(List.of("i zebra dog")).get(0));
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer(-1, null));
    }

    @Test
    void filtersAndLowerCasing() {
        Tokenizer tokenizer = new Tokenizer();
        assertEquals(List.of("hello", "world", "don't", "tab", "new", "line", "é"),
                tokenizer.words("Hello,  WORLD! don't\ttab\nnew-line  É"));
        assertEquals(List.of("Hello,", "WORLD!"), new Tokenizer().lowerCase(false).filters("").words("Hello, WORLD!"));
        assertEquals(List.of("a.b"), new Tokenizer().filters(",").words("A.B,"));
        assertEquals(Tokenizer.DEFAULT_FILTERS, "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n");
    }

    @Test
    void fittingAccumulatesAndIsRequired() {
        Tokenizer tokenizer = new Tokenizer();
        assertThrows(IllegalStateException.class, () -> tokenizer.textsToSequences(List.of("a")));
        tokenizer.fitOnTexts(List.of("b a"));
        assertEquals(Map.of("b", 1, "a", 2), tokenizer.wordIndex());
        tokenizer.fitOnTexts(List.of("a"));
        assertEquals(1, tokenizer.wordIndex().get("a"));
        assertArrayEquals(new int[0], tokenizer.textsToSequences(List.of("!!!")).get(0));
    }

    @Test
    void filtersOutsideTheBasicPlaneAreWholeCodePoints() {
        // issue 11, case 8: the filter U+1F600 used to cut U+1F603 in half (both start with \uD83D)
        assertEquals(List.of("a\uD83D\uDE03b", "c", "d"), new Tokenizer().filters("\uD83D\uDE00").words("a\uD83D\uDE03b c\uD83D\uDE00d"));
        assertEquals(List.of("a😃b", "c", "d"), new Tokenizer().filters("😀").words("a😃b c😀d"));
        Tokenizer several = new Tokenizer().filters("😀😃𝄞,");
        assertEquals(List.of("x", "y", "z", "😁", "w"), several.words("x😀y😃z 😁𝄞w,"));
        several.fitOnTexts(List.of("x😀x😃y", "😁😁"));
        assertEquals(Map.of("x", 2, "y", 1, "😁😁", 1), several.wordCounts());
    }

    @Test
    void aSplitStringOutsideTheBasicPlane() {
        Tokenizer tokenizer = new Tokenizer().filters("!").split("😀");
        assertEquals("😀", tokenizer.split());
        // filters become the split string; spaces are no longer separators; empty pieces are dropped
        assertEquals(List.of("a", "b", "c d", "😃"), tokenizer.words("a😀b😀😀c d!😃"));
        assertEquals(List.of("a", "b"), new Tokenizer().filters("").split("--").words("a--b----"));
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer().split(""));
        assertThrows(IllegalArgumentException.class, () -> new Tokenizer().split(null));
    }

    @Test
    void lowerCasingOfSupplementaryCharacters() {
        // DESERET CAPITAL LETTER LONG I (U+10400) lower-cases to U+10428, as Python's str.lower
        assertEquals(List.of("\uD801\uDC28ab"), new Tokenizer().words("\uD801\uDC00AB"));
        assertEquals(List.of("\uD801\uDC00AB"), new Tokenizer().lowerCase(false).words("\uD801\uDC00AB"));
    }

    @Test
    void unpairedSurrogatesAreKeptAsTheyAre() {
        assertEquals(List.of("a\uD83D", "b\uDE00c", "\uDE00"), new Tokenizer().words("a\uD83D b\uDE00c,\uDE00"));
        // a lone high surrogate as a filter removes lone ones only, never half of a pair
        assertEquals(List.of("x😀y", "z"), new Tokenizer().filters("\uD83D").words("x😀y\uD83Dz"));
        // nor does a split string that is a lone surrogate cut a pair
        assertEquals(List.of("a😀b", "c"), new Tokenizer().filters("").split("\uDE00").words("a😀b\uDE00c"));
        Tokenizer fitted = new Tokenizer();
        fitted.fitOnTexts(List.of("\uD83D \uD83D x"));
        assertEquals(Map.of("\uD83D", 2, "x", 1), fitted.wordCounts());
    }
}
