package dev.agentdbg.analyzer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch read with one parser gives, line by line, what each line gives parsed alone, damaged lines included. */
class LineDecoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static String span(int n) {
        return String.format("{\"type\":\"span\",\"trace\":\"%032x\",\"span\":\"%016x\",\"method\":1,\"thread\":\"main\","
                + "\"start\":%d,\"dur\":5,\"status\":\"ok\",\"args\":[{\"q\":\"x\"}],\"result\":\"r\"}", n, n, n);
    }

    private static LineBatch batch(List<String> lines, boolean lastTerminated) throws Exception {
        String text = String.join("\n", lines) + (lastTerminated ? "\n" : "");
        LineSource source = new LineSource(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        LineBatch batch = new LineBatch();
        while (source.next()) {
            batch.add(source);
        }
        return batch;
    }

    @Test
    void everyLineAsIfParsedAlone() throws Exception {
        List<String> lines = List.of(
                span(1),
                "",
                span(2) + span(3),
                "  " + span(4),
                span(5) + " x",
                "{\"type\":\"span\",\"trace\":",
                "[1,2]",
                "{\"type\":\"method\",\"id\":1,\"class\":\"a.B\",\"method\":\"c\"}",
                span(6),
                "{\"dur\":5,\"type\":\"span\",\"trace\":\"" + "0".repeat(31) + "1\",\"span\":\"0000000000000007\","
                        + "\"method\":1,\"start\":7,\"status\":\"ok\"}",
                span(8).substring(0, 40));
        for (boolean payloads : new boolean[] {true, false}) {
            LineDecoder decoder = new LineDecoder(MAPPER, payloads);
            LineBatch batch = batch(lines, false);
            LineDecoder.Decoded[] together = decoder.decode(batch);
            assertEquals(lines.size(), together.length);
            for (int i = 0; i < lines.size(); i++) {
                LineDecoder.Decoded alone = decoder.decode(batch, i);
                LineDecoder.Decoded one = together[i];
                String where = "line " + (i + 1) + ": " + lines.get(i);
                assertEquals(alone.number(), one.number(), where);
                assertEquals(alone.type(), one.type(), where);
                assertEquals(alone.problem(), one.problem(), where);
                assertEquals(String.valueOf(alone.record()), String.valueOf(one.record()), where);
                assertEquals(alone.ignored(), one.ignored(), where);
            }
            assertNull(together[0].problem());
            assertNotNull(together[2].problem(), "two records glued on one line");
            assertNotNull(together[4].problem(), "a record followed by garbage");
            assertNull(together[8].problem(), "the cursor goes on after damaged lines");
            assertNull(together[9].problem(), "a span whose type is not first");
            assertEquals("torn last line (no newline, 40 bytes)", together[10].problem());
        }
    }
}
