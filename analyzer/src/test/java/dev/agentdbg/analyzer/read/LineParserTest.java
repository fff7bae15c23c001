package dev.agentdbg.analyzer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.analyzer.model.Exchange;
import dev.agentdbg.analyzer.model.RecordedValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exchange and value lines are read without their bodies, and still rejected when they are not valid JSON. */
class LineParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BIG = "x".repeat(5 * 1024 * 1024);

    @TempDir
    Path dir;

    private static String exchange(String body) {
        return "{\"type\":\"exchange\",\"call\":7,\"span\":\"00000000000000a1\",\"client\":\"java.net.http\","
                + "\"endpoint\":\"POST /v1/chat/completions\",\"request\":{\"method\":\"POST\",\"url\":"
                + "\"http://127.0.0.1:1/v1/chat/completions\",\"headers\":{\"Content-Type\":[\"application/json\"]},"
                + "\"body\":\"" + body + "\"},\"response\":{\"status\":200,\"headers\":{},\"headersAt\":5,"
                + "\"chunks\":[{\"at\":6,\"text\":\"" + body + "\"},{\"at\":7,\"base64\":\"AAAA\"}]},"
                + "\"complete\":true}";
    }

    @Test
    void bodiesAreLeftOutAndMarkedTheRestIsKept() throws Exception {
        byte[] line = exchange(BIG).getBytes(StandardCharsets.UTF_8);
        JsonNode n = (JsonNode) new LineParser(MAPPER, true).parse(line, line.length);
        assertEquals(7, n.path("call").asInt());
        assertEquals("POST /v1/chat/completions", n.path("endpoint").asText());
        assertTrue(n.path("request").path("body").isBoolean(), "the body is replaced by a marker");
        assertTrue(n.path("response").path("chunks").isBoolean());
        assertEquals("POST", n.path("request").path("method").asText());
        assertEquals(200, n.path("response").path("status").asInt());
        assertEquals("application/json", n.path("request").path("headers").path("Content-Type").get(0).asText());
        assertTrue(n.toString().length() < 1000, "no body in the tree: " + n.toString().length() + " chars");

        byte[] value = ("{\"type\":\"value\",\"span\":\"00000000000000a2\",\"method\":3,\"key\":\"a.B#c()V\","
                + "\"kryo\":\""
                + BIG + "\"}").getBytes(StandardCharsets.UTF_8);
        JsonNode v = (JsonNode) new LineParser(MAPPER, true).parse(value, value.length);
        assertTrue(v.path("kryo").booleanValue());
        assertEquals("a.B#c()V", v.path("key").asText());
    }

    @Test
    void callPayloadsAreLeftOutOnlyWhenNotAskedFor() throws Exception {
        byte[] span = ("{\"type\":\"span\",\"trace\":\"t\",\"args\":[\"" + BIG + "\",{\"a\":[1,2]}],"
                + "\"result\":{\"text\":\"" + BIG + "\"},\"attrs\":{\"gen_ai.request.model\":\"m\"},\"dur\":5}")
                .getBytes(StandardCharsets.UTF_8);
        CallFields whole = (CallFields) new LineParser(MAPPER, true).parse(span, span.length);
        assertEquals("span", whole.type);
        assertEquals(BIG, whole.args.get(0).asText());
        assertEquals(MAPPER.readTree("[1,2]"), whole.args.get(1).path("a"));
        assertEquals(BIG, whole.result.path("text").asText());

        CallFields lean = (CallFields) new LineParser(MAPPER, false).parse(span, span.length);
        assertNull(lean.args);
        assertNull(lean.result);
        assertEquals("m", lean.attrs.path("gen_ai.request.model").asText());
        assertEquals(5, lean.dur.asInt());
        assertEquals("t", lean.trace.asText());

        // Malformed args stay, so the reader still reports them; other records keep fields of those names.
        byte[] badArgs = "{\"type\":\"start\",\"args\":\"oops\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("oops", ((CallFields) new LineParser(MAPPER, false).parse(badArgs, badArgs.length)).args.asText());
        byte[] run = "{\"type\":\"run\",\"result\":{\"x\":1}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, ((JsonNode) new LineParser(MAPPER, false).parse(run, run.length)).path("result").path("x")
                .asInt());
        // A call whose type does not come first is read as a tree, and its fields are the same.
        byte[] late = "{\"dur\":7,\"type\":\"span\",\"args\":[1]}".getBytes(StandardCharsets.UTF_8);
        JsonNode tree = (JsonNode) new LineParser(MAPPER, true).parse(late, late.length);
        CallFields fromTree = CallFields.of("span", tree);
        assertEquals(7, fromTree.dur.asInt());
        assertEquals(MAPPER.readTree("[1]"), fromTree.args);
    }

    @Test
    void aCallsTreesAreTheSameAsJacksonsOwn() throws Exception {
        String text = "{\"type\":\"span\",\"attrs\":{\"a\":1,\"b\":12345678901,\"c\":1.5,\"d\":[\"x\",null,true],"
                + "\"e\":{\"f\":{}}},\"error\":{\"type\":\"E\",\"stack\":[]},\"result\":[[],{}],\"attrs\":{\"z\":false}}";
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        JsonNode expected = MAPPER.readTree(text);
        CallFields call = (CallFields) new LineParser(MAPPER, true).parse(line, line.length);
        assertEquals(expected.get("attrs"), call.attrs, "the later duplicate wins");
        assertEquals(expected.get("error"), call.error);
        assertEquals(expected.get("result"), call.result);
    }

    @Test
    void theSameTreeAsJacksonsOwnForEveryKindOfValue() throws Exception {
        String text = "{\"type\":\"run\",\"a\":1,\"b\":12345678901,\"c\":123456789012345678901234567890,"
                + "\"d\":1.5,\"e\":true,\"f\":false,\"g\":null,\"h\":\"\",\"i\":[1,{\"j\":\"k\"}],\"a\":2}";
        byte[] line = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(MAPPER.readTree(text), (JsonNode) new LineParser(MAPPER, false).parse(line, line.length));
    }

    @Test
    void aDamagedOrGluedLineIsStillRejected() {
        for (String bad : new String[] {
            exchange("abc").substring(0, 200),
            exchange("abc").replace("\"complete\":true", "\"complete\":tru"),
            exchange("ab\u0001c"),
            exchange("abc") + "{\"type\":\"span\"}"}) {
            byte[] line = bad.getBytes(StandardCharsets.UTF_8);
            assertThrows(JacksonException.class, () -> new LineParser(MAPPER, true).parse(line, line.length),
                    bad);
        }
    }

    @Test
    void theReaderHandsOnExchangesAndValuesWithWhatReportsNeed() throws Exception {
        Path file = dir.resolve("r.jsonl");
        Files.writeString(file, "{\"type\":\"run\",\"schema\":1,\"runId\":\"r\",\"mode\":\"record\"}\n"
                + exchange(BIG) + "\n"
                + "{\"type\":\"exchange\",\"call\":8,\"request\":{\"method\":\"POST\",\"url\":\"https://api.x.com/v1/"
                + "responses?x=1\",\"bodyMissing\":\"a stream the client reads once\"},\"complete\":false,"
                + "\"error\":{\"type\":\"java.net.ConnectException\",\"message\":\"refused\"}}\n"
                + "{\"type\":\"value\",\"span\":\"00000000000000a2\",\"method\":3,\"rule\":\"r\",\"kind\":\"tool\","
                + "\"key\":\"a.B#c()V\",\"outcome\":\"throw\",\"class\":\"a.E\",\"kryo\":\"AAA=\"}\n",
                StandardCharsets.UTF_8);
        List<Exchange> exchanges = new ArrayList<>();
        List<RecordedValue> values = new ArrayList<>();
        TraceFile trace = new TraceFile(file, "r", 0, 0, "record");
        ReadReport report = new TraceReader().read(new RunFiles("r", 0, List.of(trace)), new TraceListener() {
            @Override
            public void exchange(Exchange e) {
                exchanges.add(e);
            }

            @Override
            public void value(RecordedValue v) {
                values.add(v);
            }
        });
        assertEquals(0, report.skippedTotal());
        assertEquals(new Exchange(7, 0xa1, "java.net.http", "POST /v1/chat/completions", true, null, null, 200, null),
                exchanges.get(0));
        assertEquals(null, exchanges.get(0).unservableReason());
        Exchange failed = exchanges.get(1);
        assertEquals("POST /v1/responses", failed.endpoint(), "without an endpoint field, the method and path");
        assertEquals("a stream the client reads once", failed.bodyMissing());
        assertEquals("failed without a response: java.net.ConnectException: refused", failed.unservableReason());
        assertEquals(new RecordedValue(0xa2, 3, "r", "tool", "a.B#c()V", "throw", "a.E", true, null, null),
                values.get(0));
    }
}
