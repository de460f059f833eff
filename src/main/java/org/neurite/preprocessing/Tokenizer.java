package org.neurite.preprocessing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns texts into sequences of word indices, with the semantics of Keras's
 * {@code keras.preprocessing.text.Tokenizer}.
 *
 * <pre>{@code
 * Tokenizer tokenizer = new Tokenizer(10_000, "<OOV>");
 * tokenizer.fitOnTexts(trainTexts);
 * List<int[]> sequences = tokenizer.textsToSequences(trainTexts);
 * INDArray x = Sequences.pad(sequences, 120);
 * }</pre>
 *
 * <ul>
 *   <li>A text is lower-cased (unless {@link #lowerCase(boolean) lowerCase(false)}), every character
 *       of {@link #filters()} becomes the {@link #split() split} string (a space by default), and it is
 *       split at that string; empty pieces are dropped. Characters are Unicode code points: a
 *       character outside the Basic Multilingual Plane, such as an emoji, is one character (both
 *       halves of its surrogate pair), whether in a text, in the filters or in the split string. A
 *       lone surrogate in a text is an ordinary character, kept as it is.</li>
 *   <li>Index 0 is never used (it is padding). With an OOV token, the token gets index 1. The
 *       words follow from index 1 (or 2), most frequent first; words equally frequent keep the
 *       order in which they were first seen.</li>
 *   <li>{@link #wordIndex()} holds every word seen; sequences only use indices below {@code numWords},
 *       that is the OOV token and the {@code numWords - 1} (or {@code numWords - 2}) most frequent
 *       words. Other words become the OOV index, or are dropped when there is no OOV token.</li>
 *   <li>{@link #fitOnTexts} may be called more than once; counts accumulate.</li>
 * </ul>
 * One deliberate difference: Keras gives a word spelled like the OOV token two indices and keeps
 * the second; here the OOV token always keeps index 1 and that word is not counted separately.
 */
public final class Tokenizer {
    /** Keras's default filters: punctuation except {@code '}, plus tab and newline. */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private final int numWords;
    private final String oovToken;
    private boolean lowerCase = true;
    private String filters = DEFAULT_FILTERS;
    private int[] filterPoints = codePoints(DEFAULT_FILTERS);
    private String split = " ";
    private final Map<String, Integer> wordCounts = new LinkedHashMap<>();
    private Map<String, Integer> wordIndex;
    private int documentCount;

    /** No word limit and no OOV token: unknown words are dropped. */
    public Tokenizer() {
        this(0, null);
    }

    /**
     * @param numWords sequences keep only indices below this (0: no limit)
     * @param oovToken the token that stands for unknown or rare words, index 1; null for none
     */
    public Tokenizer(int numWords, String oovToken) {
        if (numWords < 0) {
            throw new IllegalArgumentException("numWords must be >= 0 (0 means no limit), got " + numWords);
        }
        this.numWords = numWords;
        this.oovToken = oovToken;
    }

    /** Whether texts are lower-cased first (default true). Set before fitting. */
    public Tokenizer lowerCase(boolean lowerCase) {
        this.lowerCase = lowerCase;
        return this;
    }

    /**
     * The characters (code points) replaced by the split string before splitting (default
     * {@link #DEFAULT_FILTERS}; null or "" for none). Set before fitting.
     */
    public Tokenizer filters(String filters) {
        this.filters = filters == null ? "" : filters;
        this.filterPoints = codePoints(this.filters);
        return this;
    }

    /**
     * The separator of words (default {@code " "}), as Keras's {@code split}: a text is cut at every
     * occurrence of this string, taken literally (it may be longer than one character). Set before fitting.
     *
     * @throws IllegalArgumentException when {@code split} is null or empty
     */
    public Tokenizer split(String split) {
        if (split == null || split.isEmpty()) {
            throw new IllegalArgumentException("Tokenizer: the split string must not be empty, got "
                    + (split == null ? "null" : "\"\""));
        }
        this.split = split;
        return this;
    }

    /** The separator of words. */
    public String split() {
        return split;
    }

    /** Whether texts are lower-cased before splitting. */
    public boolean lowerCase() {
        return lowerCase;
    }

    /** The characters replaced by the split string before splitting. */
    public String filters() {
        return filters;
    }

    /** The word limit given to the constructor (0: none). */
    public int numWords() {
        return numWords;
    }

    /** The OOV token, or null. */
    public String oovToken() {
        return oovToken;
    }

    /** Counts the words of {@code texts} and re-ranks the vocabulary. */
    public void fitOnTexts(List<String> texts) {
        for (String text : texts) {
            documentCount++;
            for (String word : words(text)) {
                if (!word.equals(oovToken)) {
                    wordCounts.merge(word, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(wordCounts.entrySet());
        ranked.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        Map<String, Integer> index = new LinkedHashMap<>();
        if (oovToken != null) {
            index.put(oovToken, 1);
        }
        for (Map.Entry<String, Integer> entry : ranked) {
            index.put(entry.getKey(), index.size() + 1);
        }
        wordIndex = Collections.unmodifiableMap(index);
    }

    /**
     * The word indices of each text (see the class comment for which words are kept).
     *
     * @throws IllegalStateException before {@link #fitOnTexts}
     */
    public List<int[]> textsToSequences(List<String> texts) {
        Map<String, Integer> index = wordIndex();
        Integer oov = oovToken == null ? null : index.get(oovToken);
        List<int[]> sequences = new ArrayList<>(texts.size());
        for (String text : texts) {
            List<String> words = words(text);
            int[] sequence = new int[words.size()];
            int length = 0;
            for (String word : words) {
                Integer i = index.get(word);
                if (i != null && (numWords == 0 || i < numWords)) {
                    sequence[length++] = i;
                } else if (oov != null) {
                    sequence[length++] = oov;
                }
            }
            sequences.add(length == sequence.length ? sequence : Arrays.copyOf(sequence, length));
        }
        return sequences;
    }

    /**
     * Every word seen, with its index, in index order (unmodifiable).
     *
     * @throws IllegalStateException before {@link #fitOnTexts}
     */
    public Map<String, Integer> wordIndex() {
        if (wordIndex == null) {
            throw new IllegalStateException("Tokenizer: call fitOnTexts before using the vocabulary");
        }
        return wordIndex;
    }

    /** How often each word occurred in the fitted texts, in order of first occurrence (unmodifiable). */
    public Map<String, Integer> wordCounts() {
        return Collections.unmodifiableMap(wordCounts);
    }

    /** The number of texts fitted on. */
    public int documentCount() {
        return documentCount;
    }

    /**
     * The words of one text, after lower-casing and filtering (Keras's {@code text_to_word_sequence}).
     * Works on code points, so no surrogate pair is ever cut in half.
     */
    public List<String> words(String text) {
        String s = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        StringBuilder filtered = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Arrays.binarySearch(filterPoints, c) >= 0) {
                filtered.append(split);
            } else {
                filtered.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        List<String> words = new ArrayList<>();
        int start = 0;
        while (start <= filtered.length()) {
            int end = indexOfSplit(filtered, start);
            if (end > start) {
                words.add(filtered.substring(start, end));
            }
            start = end + split.length();
        }
        return words;
    }

    /**
     * The next occurrence of the split string from {@code from} that does not cut a surrogate pair
     * of the text (possible only for a split string that starts or ends with a lone surrogate), or
     * the length of the text.
     */
    private int indexOfSplit(StringBuilder text, int from) {
        char first = split.charAt(0);
        char last = split.charAt(split.length() - 1);
        for (int at = text.indexOf(split, from); at >= 0; at = text.indexOf(split, at + 1)) {
            int after = at + split.length();
            boolean cutsBefore = Character.isLowSurrogate(first) && at > 0
                    && Character.isHighSurrogate(text.charAt(at - 1));
            boolean cutsAfter = Character.isHighSurrogate(last) && after < text.length()
                    && Character.isLowSurrogate(text.charAt(after));
            if (!cutsBefore && !cutsAfter) {
                return at;
            }
        }
        return text.length();
    }

    /** The distinct code points of {@code text}, sorted, for binary search. */
    private static int[] codePoints(String text) {
        return text.codePoints().sorted().distinct().toArray();
    }
}
