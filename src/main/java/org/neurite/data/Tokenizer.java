package org.neurite.data;

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
 *       of {@link #filters()} becomes a space, and it is split at spaces; empty pieces are dropped.</li>
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

    /** The characters replaced by spaces before splitting (default {@link #DEFAULT_FILTERS}). Set before fitting. */
    public Tokenizer filters(String filters) {
        this.filters = filters == null ? "" : filters;
        return this;
    }

    /** Whether texts are lower-cased before splitting. */
    public boolean lowerCase() {
        return lowerCase;
    }

    /** The characters replaced by spaces before splitting. */
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

    /** The words of one text, after lower-casing and filtering (Keras's {@code text_to_word_sequence}). */
    public List<String> words(String text) {
        String s = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || filters.indexOf(c) >= 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
