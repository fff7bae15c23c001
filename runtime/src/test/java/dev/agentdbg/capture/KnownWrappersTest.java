package dev.agentdbg.capture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentdbg.capture.fakes.com.google.gson.GsonValues;
import dev.agentdbg.capture.fakes.com.openai.core.OpenAiValues;
import dev.agentdbg.capture.fakes.com.openai.models.UserMessageParam;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** JSON tree nodes and SDK value holders are captured as the plain JSON they stand for. */
class KnownWrappersTest {
    private static final CaptureSettings S = CaptureSettings.defaults();

    @Test
    void jacksonTreeIsCapturedAsThePlainJsonItHolds() throws Exception {
        String json = "{\"model\":\"gpt-4o\",\"temperature\":0.5,\"n\":2,\"big\":12345678901,\"price\":1.25,"
                + "\"stream\":false,\"stop\":null,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"bytes\":[1,2,3]}";
        JsonNode tree = CaptureJson.MAPPER.readTree(json);
        JsonNode back = CaptureJson.roundTrip(tree, S);
        assertEquals(tree, back);

        Object snap = ObjectWalker.snapshot(tree, S);
        MapSnapshot m = assertInstanceOf(MapSnapshot.class, snap);
        assertEquals("gpt-4o", m.entries.get("model"));
        assertEquals(2, m.entries.get("n"));
    }

    @Test
    void jacksonDecimalAndBinaryNodesKeepTheirValues() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode o = CaptureJson.MAPPER.createObjectNode();
        o.put("decimal", new java.math.BigDecimal("3.14159265358979323846"));
        o.put("blob", new byte[] {1, 2, 3});
        o.putNull("nothing");
        MapSnapshot m = (MapSnapshot) ObjectWalker.snapshot(o, S);
        assertEquals(new java.math.BigDecimal("3.14159265358979323846"), m.entries.get("decimal"));
        assertEquals(3, ((BytesSnapshot) m.entries.get("blob")).length);
        assertEquals(null, m.entries.get("nothing"));
        assertEquals(3, m.entries.size());
    }

    @Test
    void openAiSdkValuesAreUnwrappedAndMissingFieldsLeftOut() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", OpenAiValues.string("object"));
        schema.put("strict", OpenAiValues.bool(true));
        schema.put("limit", OpenAiValues.number(3));
        schema.put("none", OpenAiValues.jsonNull());
        schema.put("tags", OpenAiValues.array(List.of(OpenAiValues.string("a"), OpenAiValues.string("b"))));
        UserMessageParam message = new UserMessageParam(OpenAiValues.known("Summarise this"),
                OpenAiValues.string("user"), OpenAiValues.missing(), Collections.unmodifiableMap(new LinkedHashMap<>()));
        Object[] args = {message, OpenAiValues.object(schema)};
        JsonNode json = CaptureJson.parse(CaptureJson.argsBytes(ObjectWalker.snapshotArgs(args, -1, S), S));

        assertEquals(CaptureJson.parse("{\"@type\":\"" + UserMessageParam.class.getName()
                + "\",\"content\":\"Summarise this\",\"role\":\"user\"}"), json.get(0));
        assertEquals(CaptureJson.parse("{\"type\":\"object\",\"strict\":true,\"limit\":3,\"none\":null,"
                + "\"tags\":[\"a\",\"b\"]}"), json.get(1));
    }

    @Test
    void nonEmptyAdditionalPropertiesOfSdkModelsAreKept() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("x-custom", OpenAiValues.string("v"));
        UserMessageParam message = new UserMessageParam(OpenAiValues.known("c"), OpenAiValues.string("user"),
                OpenAiValues.known("alice"), extra);
        ObjectSnapshot o = (ObjectSnapshot) ObjectWalker.snapshot(message, S);
        assertEquals(List.of("content", "role", "name", "additionalProperties"), List.copyOf(o.fields.keySet()));
        assertEquals("v", ((MapSnapshot) o.field("additionalProperties")).entries.get("x-custom"));
    }

    @Test
    void nullFieldsOfSdkModelsAreLeftOutButExplicitJsonNullsAreKept() {
        UserMessageParam absent = new UserMessageParam(OpenAiValues.known("c"), null, OpenAiValues.jsonNull(), Map.of());
        ObjectSnapshot o = (ObjectSnapshot) ObjectWalker.snapshot(absent, S);
        assertEquals(List.of("content", "name"), List.copyOf(o.fields.keySet()));
        assertEquals(null, o.field("name"));
    }

    @Test
    void gsonTreeIsCapturedAsPlainJsonReadingItsMapByFields() {
        Object tree = GsonValues.object(
                "model", GsonValues.primitive("gpt-4o"),
                "temperature", GsonValues.primitive(0.5),
                "apiKey", GsonValues.primitive("sk-should-not-appear-at-all-123"),
                "stop", GsonValues.jsonNull(),
                "messages", GsonValues.array(GsonValues.object("role", GsonValues.primitive("user"))));
        JsonNode json = CaptureJson.roundTrip(tree, S);
        assertEquals(CaptureJson.parse("{\"model\":\"gpt-4o\",\"temperature\":0.5,\"apiKey\":\"[REDACTED]\","
                + "\"stop\":null,\"messages\":[{\"role\":\"user\"}]}"), json);
    }
}
