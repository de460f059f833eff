package org.neurite.data;

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
