package dev.agentdbg.capture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON encoding of snapshots: shapes, truncation texts, masking, the per-span byte budget. */
class PayloadWriterTest {
    private static final CaptureSettings S = CaptureSettings.defaults();

    record Message(String role, String content) {
    }

    static final class Parent {
        final String name = "p";
        final List<Object> children = new ArrayList<>();
    }

    static final class Child {
        final Parent parent;

        Child(Parent parent) {
            this.parent = parent;
        }
    }

    private static String json(Object value) {
        return CaptureJson.write(ObjectWalker.snapshot(value, S), S);
    }

    @Test
    void objectIsWrittenWithItsFullTypeNameThenItsFieldsInOrder() {
        assertEquals("{\"@type\":\"" + Message.class.getName() + "\",\"role\":\"user\",\"content\":\"hi\"}",
                json(new Message("user", "hi")));
    }

    @Test
    void cyclesAndSharedObjectsAreWrittenWithIdsAndReferences() {
        Parent p = new Parent();
        p.children.add(new Child(p));
        assertEquals("{\"@type\":\"" + Parent.class.getName() + "\",\"@id\":1,\"name\":\"p\",\"children\":[{\"@type\":\""
                + Child.class.getName() + "\",\"parent\":{\"@cycle\":1}}]}", json(p));

        List<Object> shared = new ArrayList<>(List.of(1, 2));
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("a", shared);
        both.put("b", shared);
        assertEquals("{\"a\":{\"@id\":1,\"@items\":[1,2]},\"b\":{\"@ref\":1}}", json(both));
    }

    @Test
    void longStringIsCutAtMaxStringLengthWithItsOriginalSize() {
        String text = "a".repeat(182 * 1024);
        JsonNode node = CaptureJson.parse(json(text));
        assertEquals("a".repeat(S.maxStringLength) + "\u2026(truncated, 182 KB)", node.asText());
        assertEquals("\u2026(truncated, 50 MB)", Texts.truncationNote(50L * 1024 * 1024));
        assertEquals("\u2026(truncated, 900 B)", Texts.truncationNote(900));

        StringBuilder builder = new StringBuilder("b".repeat(20_000));
        String cut = CaptureJson.parse(json(builder)).asText();
        assertEquals(S.maxStringLength, cut.length());
        assertTrue(cut.endsWith("b\u2026(truncated, 20 KB)"), cut.substring(cut.length() - 40));
    }

    @Test
    void cutListsAndMapsSayHowManyMoreThereWere() {
        List<Integer> big = new ArrayList<>();
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            big.add(i);
            map.put("k" + i, i);
        }
        JsonNode list = CaptureJson.parse(json(big));
        assertEquals(101, list.size());
        assertEquals("\u2026(+900 more)", list.get(100).asText());
        JsonNode m = CaptureJson.parse(json(map));
        assertEquals(101, m.size());
        assertEquals("(+900 more)", m.get("\u2026").asText());
    }

    @Test
    void bytesAreWrittenAsLengthAndBase64Head() {
        assertEquals("{\"@type\":\"byte[]\",\"length\":3,\"head\":\"AQID\"}", json(new byte[] {1, 2, 3}));
    }

    @Test
    void markersHaveOneFixedShapeEach() {
        assertEquals("\"[REDACTED]\"", CaptureJson.write(Marker.REDACTED, S));
        assertEquals("{\"@type\":\"a.B\",\"@truncated\":\"depth\"}",
                CaptureJson.write(new Marker(Marker.Reason.DEPTH, "a.B", null), S));
        assertEquals("{\"@type\":\"a.B\",\"@truncated\":\"size\"}",
                CaptureJson.write(new Marker(Marker.Reason.BUDGET, "a.B", null), S));
        assertEquals("{\"@type\":\"a.B\",\"@failed\":\"java.lang.IllegalStateException\"}",
                CaptureJson.write(new Marker(Marker.Reason.FAILED, "a.B", "java.lang.IllegalStateException"), S));
        ObjectSnapshot closed = new ObjectSnapshot("java.util.concurrent.locks.ReentrantLock");
        closed.unreadable = "module java.base does not open java.util.concurrent.locks to agentdbg";
        assertEquals("{\"@type\":\"java.util.concurrent.locks.ReentrantLock\",\"@unreadable\":"
                + "\"module java.base does not open java.util.concurrent.locks to agentdbg\"}", CaptureJson.write(closed, S));
    }

    @Test
    void numbersStayNumbersAndNonFiniteOnesBecomeStrings() {
        assertEquals("[1,2.5,12345678901234567890.123,\"NaN\",\"Infinity\",true,null]", json(new Object[] {1, 2.5,
            new java.math.BigDecimal("12345678901234567890.123"), Double.NaN, Float.POSITIVE_INFINITY, true, null}));
    }

    @Test
    void apiKeysAndBearerTokensInsideTextAreMasked() {
        String text = "key sk-proj-AbCdEf0123456789_xyz-QQ and sk-ant-api03-abcdefghijklmnop, "
                + "header Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.abc and bearer abcdefgh12345";
        assertEquals("key [REDACTED] and [REDACTED], header Authorization: Bearer [REDACTED] and bearer [REDACTED]",
                Redactor.current().mask(text));
        assertEquals("\"key [REDACTED]\"", json("key sk-abcdefghijklmnopqrstuvwxyz"));
    }

    @Test
    void textThatOnlyLooksLikeASecretIsLeftAlone() {
        for (String text : List.of("task-management-system-design-document", "sk-short", "Bearer short",
                "use maxTokens=100 and a tokenizer", "")) {
            assertSame(text, Redactor.current().mask(text), text);
        }
    }

    @Test
    void secretStraddlingTheCutIsMaskedBeforeCutting() {
        String text = "x".repeat(S.maxStringLength - 10) + " sk-" + "A1".repeat(40);
        String written = CaptureJson.parse(json(text)).asText();
        assertTrue(!written.contains("sk-A1"), written.substring(written.length() - 60));
    }

    @Test
    void payloadOverTheSpanBudgetIsCutAndStaysValidJson() {
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            big.add(i + "y".repeat(7000));
        }
        byte[] out = CaptureJson.bytes(ObjectWalker.snapshot(big, S), S);
        JsonNode list = CaptureJson.parse(out);
        assertTrue(out.length <= S.maxBytes + 512, "bytes " + out.length);
        String last = list.get(list.size() - 1).asText();
        assertTrue(last.endsWith("(truncated: span payload over 64 KB)") || last.contains("(truncated, "), last);
    }

    @Test
    void multiByteTextIsCountedInUtf8Bytes() {
        List<String> cjk = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cjk.add("\u6f22\u5b57".repeat(4000)); // 3 bytes per char in UTF-8
        }
        byte[] out = CaptureJson.bytes(ObjectWalker.snapshot(cjk, S), S);
        CaptureJson.parse(out);
        assertTrue(out.length <= S.maxBytes + 512, "bytes " + out.length);
        assertTrue(out.length > S.maxBytes / 2, "bytes " + out.length);
    }

    @Test
    void mapKeysAndByteHeadsPassTheRedactor() {
        MapSnapshot m = new MapSnapshot("java.util.LinkedHashMap");
        m.entries.put("sk-proj-TESTSECRET1234567890abcd", "v");
        m.entries.put("visible-key", "visible-value");
        m.totalSize = 2;
        assertEquals("{\"[REDACTED]\":\"v\",\"visible-key\":\"visible-value\"}", CaptureJson.write(m, S));
        byte[] secret = "id sk-abc123def4 end".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"@type\":\"byte[]\",\"length\":20,\"head\":\"[REDACTED]\"}",
                CaptureJson.write(new BytesSnapshot("byte[]", 20, secret), S));
        byte[] plain = "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"@type\":\"byte[]\",\"length\":5,\"head\":\"aGVsbG8=\"}",
                CaptureJson.write(new BytesSnapshot("byte[]", 5, plain), S));
    }
}
