package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsEveryKindOfValue() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("units", 64L);
        config.put("rate", 1e-7);
        config.put("half", 0.5);
        config.put("name", "dense \"1\"\n\\ \u00e9\u0001");
        config.put("flag", true);
        config.put("none", null);
        config.put("shape", Arrays.asList(null, 28L, 28L));
        config.put("nested", Map.of("l2", 0.01));
        config.put("empty", List.of());
        for (String text : List.of(Json.write(config), Json.writePretty(config))) {
            assertEquals(config, Json.parseObject(text), text);
        }
        assertEquals("[1,2]", Json.write(new int[]{1, 2}));
        assertEquals("[null,5]", Json.write(new Object[]{null, 5L}));
        assertEquals(List.of(-3L, 2.5, 1.0e10, 12345678901234567890.0), Json.parse(" [-3, 2.5, 1e10, 12345678901234567890] "));
        assertEquals("\u00e9\ud83d\ude00", Json.parse("\"\\u00e9\\ud83d\\ude00\""));
    }

    @Test
    void prettyOutputKeepsPlainArraysOnOneLine() {
        String text = Json.writePretty(Map.of("kernel_size", List.of(3, 3)));
        assertEquals("{\n  \"kernel_size\": [3, 3]\n}", text);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("layers", List.of(Map.of("units", 2), List.of(1, 2)));
        model.put("empty", Map.of());
        model.put("none", List.of());
        assertEquals("{\n  \"layers\": [\n    {\n      \"units\": 2\n    },\n    [1, 2]\n  ],\n"
                + "  \"empty\": {},\n  \"none\": []\n}", Json.writePretty(model), "the layout of model files");
        assertEquals("[0.10000000149011612,0.25]", Json.write(List.of(0.1f, 0.25)), "floats as the double they widen to");
    }

    @Test
    void malformedTextGivesThePosition() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{\"a\":1,\"a\":2}", "01.", "-",
                "1 2", "\"\\x\"", "\"\\u12\"", "{1:2}", "nul", "[1e]", "\"\u0001\"")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("malformed JSON at character "), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedBeforeTheStackRunsOut() {
        String deep = "[".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
        assertEquals(1L, ((List<?>) ((List<?>) Json.parse("[[1]]")).get(0)).get(0));
    }

    @Test
    void nonFiniteNumbersAndUnknownObjectsCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertTrue(e.getMessage().contains("cannot write Object"), e.getMessage());
    }
}
