package dev.intake.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static String explained(String json) {
        return explained(STRICT, json.getBytes(StandardCharsets.UTF_8));
    }

    private static String explained(ObjectMapper mapper, byte[] json) {
        try {
            mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return JsonErrors.explain(e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("parsed: " + new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void everyCommonMistakeIsNamedInPlainWordsWithLineAndColumn() {
        assertThat(explained("{\"a\": tru}")).isEqualTo(
                "'tru' is not a JSON value (text needs double quotes; true, false and null are lower case) (line 1, column 7)");
        assertThat(explained("{\"a\": 1,}")).isEqualTo("'}' where a field name in double quotes was expected (line 1, column 9)");
        assertThat(explained("{\"a\" 1}")).isEqualTo("'1' where ':' was expected after a field name (line 1, column 6)");
        assertThat(explained("{\"a\": 1 \"b\": 2}")).isEqualTo("'\"' where ',' or '}' was expected (line 1, column 9)");
        assertThat(explained("[1 2]")).isEqualTo("'2' where ',' or ']' was expected (line 1, column 4)");
        assertThat(explained("{\"a\": [1, 2}")).isEqualTo("a closing bracket or brace has no opening one (line 1, column 12)");
        assertThat(explained("{\"a\":\n  {\"b\": 1}")).isEqualTo("the document ends before its JSON is complete (line 2, column 11)");
        assertThat(explained("{\"a\": \"x\ny\"}")).startsWith("a control character inside a string must be escaped");
        assertThat(explained("{\"a\": \"\\q\"}")).startsWith("a string has an escape JSON does not know");
        assertThat(explained("{\"a\": 1, \"a\": 2}")).isEqualTo("the field \"a\" is given twice (line 1, column 13)");
        assertThat(explained("{\"a\": 01}")).startsWith("a number is not written as JSON writes numbers");
        assertThat(explained("{\"a\": 1} {}")).startsWith("the document goes on after its end");
        assertThat(explained("\u0000")).isEqualTo("a control character outside a string (line 1, column 2)");
        assertThat(explained(STRICT, "{\"a\": \"M\u00fcller\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .startsWith("the document is not valid UTF-8 text (line 1");
    }

    @Test
    void limitsAreNamedWithTheirBound() {
        ObjectMapper small = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10).maxNestingDepth(3)
                        .maxNumberLength(5).build()).build()).build();
        assertThat(explained(small, "{\"a\": \"0123456789ab\"}".getBytes(StandardCharsets.UTF_8)))
                .startsWith("a string is longer than allowed (at most 10)");
        assertThat(explained(small, "[[[[1]]]]".getBytes(StandardCharsets.UTF_8)))
                .startsWith("the document nests deeper than allowed (at most 3)");
        assertThat(explained(small, "[1234567]".getBytes(StandardCharsets.UTF_8)))
                .startsWith("a number has more digits than allowed (at most 5)");
    }

    @Test
    void theParsersOwnWordsNeverShow() {
        for (String json : new String[] {"{\"a\": tru}", "{\"a\": 1,}", "{\"a\" 1}", "[1 2]", "{", "{\"a\": 01}", "nul",
                "{\"a\": \"\\q\"}", "\u0000"}) {
            assertThat(explained(json)).doesNotContain("was expecting", "Unrecognized", "Unexpected", "code ", "`",
                    "jackson", "JSON String, Number");
        }
    }
}
