package org.neurite.data.csv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.neurite.io.Json;

/**
 * How {@link Csv} encodes the columns of a CSV file: their names, in file order, and for each
 * categorical column its categories, sorted. A numeric column gives one feature; a categorical
 * column gives one one-hot feature per category, in the order of its categories, named
 * {@code column=category}. The label column gives no feature: a numeric label is kept as it is,
 * a categorical one becomes a class id in {@code 0..K-1}, the position of its value in
 * {@link #classNames}.
 *
 * <p>{@link Csv#loadWithSchema} infers the schema from a training file; pass it to
 * {@link Csv#load(java.nio.file.Path, String, CsvSchema)} to encode a test file the same way, and
 * keep it with a saved model through {@link #toJson()} and {@link #fromJson(String)}.
 *
 * <pre>{@code
 * CsvSchema schema = new CsvSchema(List.of("size", "color", "label"), Map.of("color", List.of("blue", "red")));
 * schema.featureNames("label");   // [size, color=blue, color=red]
 * }</pre>
 *
 * @param columns the column names, in file order, all different
 * @param categories the categories of each categorical column, sorted ({@link String#compareTo}),
 *     without repeats; a column absent from this map is numeric. The empty string is a category
 *     (an empty cell) like any other.
 */
public record CsvSchema(List<String> columns, Map<String, List<String>> categories) {
    /**
     * The most categories a column may have: more are almost always a numeric or free-text column
     * with a stray value, whose one-hot encoding would be huge.
     */
    public static final int MAX_CATEGORIES = 10_000;

    /**
     * The cells that mean "no value" in a numeric column, compared ignoring case: the empty cell,
     * {@code NA}, {@code N/A}, {@code null}, {@code -}, {@code ?} and {@code NaN}. They become NaN and
     * never make a column categorical.
     */
    public static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "null", "-", "?", "nan");

    /**
     * How {@link Csv#loadWithSchema(java.nio.file.Path, String, Rules)} infers a schema.
     *
     * <ul>
     *   <li>A column is <b>numeric</b> when at least {@code minNumericShare} of its filled cells (those
     *       that are not {@link #MISSING_MARKERS}) are numbers, or it has no filled cell. Its other
     *       cells become NaN and are listed in {@link Csv.Loaded#missingCells()} and the
     *       {@link org.neurite.data.quality.DataReport} with their line numbers.</li>
     *   <li>Any other column is <b>categorical</b> when it has at most {@code maxCategories} distinct
     *       cells; with more it is an error naming the column and some of its cells with their lines
     *       (an id or free text would otherwise explode into thousands of one-hot features). The
     *       label column is exempt: its classes make no features (it stays within
     *       {@link CsvSchema#MAX_CATEGORIES}).</li>
     * </ul>
     *
     * @param minNumericShare the share of numbers among the filled cells that makes a column
     *     numeric, in {@code (0, 1]}; 1 makes any text cell turn the column categorical
     * @param maxCategories the most distinct cells of a categorical feature column, 1 to
     *     {@link CsvSchema#MAX_CATEGORIES}
     */
    public record Rules(double minNumericShare, int maxCategories) {
        /** At least 95% numbers make a numeric column; at most 50 categories. */
        public static final Rules DEFAULT = new Rules(0.95, 50);

        /** Checks the values. */
        public Rules {
            if (!(minNumericShare > 0 && minNumericShare <= 1)) {
                throw new IllegalArgumentException("CsvSchema.Rules: minNumericShare must be in (0, 1], got "
                        + minNumericShare);
            }
            if (maxCategories < 1 || maxCategories > MAX_CATEGORIES) {
                throw new IllegalArgumentException("CsvSchema.Rules: maxCategories must be 1 to " + MAX_CATEGORIES
                        + ", got " + maxCategories);
            }
        }

        /** These rules with another {@code maxCategories}. */
        public Rules withMaxCategories(int max) {
            return new Rules(minNumericShare, max);
        }

        /** These rules with another {@code minNumericShare}. */
        public Rules withMinNumericShare(double share) {
            return new Rules(share, maxCategories);
        }
    }

    /** Checks and copies the parts. */
    public CsvSchema {
        columns = List.copyOf(columns);
        Set<String> seen = new HashSet<>();
        for (String name : columns) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("CsvSchema: column name \"" + name + "\" appears twice in " + columns);
            }
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (String name : columns) {
            List<String> values = categories.get(name);
            if (values != null) {
                copy.put(name, checkedCategories(name, values));
            }
        }
        for (String name : categories.keySet()) {
            if (!seen.contains(name)) {
                throw new IllegalArgumentException("CsvSchema: categories for \"" + name + "\", which is not one of the "
                        + "columns " + columns);
            }
        }
        categories = Collections.unmodifiableMap(copy);
    }

    /** A schema whose columns are all numeric. */
    public static CsvSchema numeric(List<String> columns) {
        return new CsvSchema(columns, Map.of());
    }

    /** Whether {@code column} is categorical. */
    public boolean isCategorical(String column) {
        return categories.containsKey(column);
    }

    /** The sorted categories of {@code column}; empty for a numeric column. */
    public List<String> categories(String column) {
        index(column);
        return categories.getOrDefault(column, List.of());
    }

    /**
     * The class names of a categorical label column: its categories without the empty string (an
     * empty label cell is a missing label, NaN); empty for a numeric column.
     */
    public List<String> classNames(String labelColumn) {
        return categories(labelColumn).stream().filter(c -> !c.isEmpty()).toList();
    }

    /** The name of each feature column when {@code labelColumn} is the label (null: no label). */
    public List<String> featureNames(String labelColumn) {
        if (labelColumn != null) {
            index(labelColumn);
        }
        List<String> names = new ArrayList<>();
        for (String column : columns) {
            if (column.equals(labelColumn)) {
                continue;
            }
            List<String> values = categories.get(column);
            if (values == null) {
                names.add(column);
            } else {
                values.forEach(v -> names.add(column + "=" + v));
            }
        }
        return names;
    }

    /** The position of {@code column}, from 0. */
    public int index(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("CsvSchema: no column \"" + column + "\", expected one of " + columns);
        }
        return index;
    }

    /** The schema as JSON: {@code {"columns": [...], "categories": {"color": ["blue", "red"]}}}. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("columns", columns);
        json.put("categories", categories);
        return Json.write(json);
    }

    /**
     * The schema {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException when {@code json} is not such a schema, saying what is wrong
     */
    @SuppressWarnings("unchecked")
    public static CsvSchema fromJson(String json) {
        Map<String, Object> map = Json.parseObject(json);
        if (!(map.get("columns") instanceof List<?> columns) || !columns.stream().allMatch(String.class::isInstance)
                || !(map.get("categories") instanceof Map<?, ?> categories)
                || !categories.values().stream().allMatch(v -> v instanceof List<?> list
                        && list.stream().allMatch(String.class::isInstance))) {
            throw new IllegalArgumentException("CsvSchema.fromJson: expected {\"columns\": [names], \"categories\": "
                    + "{name: [categories]}}, found " + json);
        }
        return new CsvSchema((List<String>) columns, (Map<String, List<String>>) categories);
    }

    /** Whether a cell is a number: decimal notation, or NaN/inf/infinity with an optional sign. */
    static boolean isNumber(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        if (special(cell) != null) {
            return true;
        }
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        try {
            Float.parseFloat(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a cell is one of the {@link #MISSING_MARKERS}. */
    static boolean isMissing(String cell) {
        return cell.length() <= 4 && MISSING_MARKERS.contains(cell.toLowerCase(Locale.ROOT));
    }

    /** The value of a cell that {@link #isNumber} accepts. */
    static float number(String cell) {
        Float value = special(cell);
        return value != null ? value : Float.parseFloat(cell);
    }

    private static Float special(String cell) {
        String word = cell.toLowerCase(Locale.ROOT);
        boolean negative = word.startsWith("-");
        if (negative || word.startsWith("+")) {
            word = word.substring(1);
        }
        return switch (word) {
            case "nan" -> Float.NaN;
            case "inf", "infinity" -> negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            default -> null;
        };
    }

    private static List<String> checkedCategories(String column, List<String> values) {
        List<String> copy = List.copyOf(values);
        if (copy.isEmpty() || copy.size() > MAX_CATEGORIES) {
            throw new IllegalArgumentException("CsvSchema: column \"" + column + "\" needs 1 to " + MAX_CATEGORIES
                    + " categories, found " + copy.size());
        }
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i - 1).compareTo(copy.get(i)) >= 0) {
                throw new IllegalArgumentException("CsvSchema: the categories of \"" + column + "\" must be sorted "
                        + "without repeats, found \"" + copy.get(i - 1) + "\" before \"" + copy.get(i) + "\"");
            }
        }
        return copy;
    }
}
