package dev.agentdbg.analyzer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
class RecordingLinesTest {

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
        assertTrue(RecordingLines.holdsBodies(line, line.length));
        JsonNode n = RecordingLines.readWithoutBodies(MAPPER, line, line.length);
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
        JsonNode v = RecordingLines.readWithoutBodies(MAPPER, value, value.length);
        assertTrue(v.path("kryo").booleanValue());
        assertEquals("a.B#c()V", v.path("key").asText());
    }

    @Test
    void otherRecordsAreNotTouched() {
        byte[] span = "{\"type\":\"span\",\"request\":{\"body\":1}}".getBytes(StandardCharsets.UTF_8);
        assertFalse(RecordingLines.holdsBodies(span, span.length));
    }

    @Test
    void aDamagedOrGluedLineIsStillRejected() {
        for (String bad : new String[] {
            exchange("abc").substring(0, 200),
            exchange("abc").replace("\"complete\":true", "\"complete\":tru"),
            exchange("ab\u0001c"),
            exchange("abc") + "{\"type\":\"span\"}"}) {
            byte[] line = bad.getBytes(StandardCharsets.UTF_8);
            assertThrows(JacksonException.class, () -> RecordingLines.readWithoutBodies(MAPPER, line, line.length),
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
