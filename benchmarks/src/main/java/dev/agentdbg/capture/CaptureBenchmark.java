package dev.agentdbg.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payload capture of one chat request (a record: model, temperature and four message records, one
 * holding the prompt), split by thread: {@code snapshotArgs} is what the application thread pays
 * inside the instrumented call, {@code writePayload} what the drainer pays to encode the snapshot
 * (cut at 8 KB per string, secrets masked, within the 64 KB span budget). {@code baselineJackson}
 * writes the same four strings (the prompt cut at 8 KB) with plain Jackson, to tell what the
 * writer adds from what the machine costs. No agent, no file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CaptureBenchmark {
    public record Message(String role, String content) {
    }

    public record ChatRequest(String model, double temperature, List<Message> messages) {
    }

    /** Characters of the user prompt: 2 KB and 50 KB. */
    @Param({"2048", "51200"})
    public int promptChars;

    private final CaptureSettings settings = CaptureSettings.defaults();
    private final PayloadWriter writer = new PayloadWriter(settings);
    private final PayloadWriter.Budget budget = writer.newBudget();
    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(80 * 1024);
    private Object[] args;
    private Object[] snapshot;
    private String[] texts;

    @Setup
    public void setUp() {
        StringBuilder prompt = new StringBuilder(promptChars);
        String sentence = "Summarise the quarterly report and list the three largest risks. ";
        while (prompt.length() < promptChars) {
            prompt.append(sentence);
        }
        prompt.setLength(promptChars);
        ChatRequest request = new ChatRequest("gpt-4o-mini", 0.2, List.of(
                new Message("system", "You are a careful financial analyst. Answer in bullet points."),
                new Message("user", prompt.toString()),
                new Message("assistant", "Which quarter do you mean?"),
                new Message("user", "The third quarter of 2026.")));
        args = new Object[] {request};
        texts = request.messages().stream()
                .map(m -> m.content().length() > settings.maxStringLength
                        ? m.content().substring(0, settings.maxStringLength) : m.content())
                .toArray(String[]::new);
        snapshot = ObjectWalker.snapshotArgs(args, -1, settings);
    }

    /** Application thread: the snapshot taken inside the instrumented call. */
    @Benchmark
    public Object[] snapshotArgs() {
        return ObjectWalker.snapshotArgs(args, -1, settings);
    }

    /** Drainer thread: the snapshot encoded as the span's "args" JSON. */
    @Benchmark
    public int writePayload() throws IOException {
        out.reset();
        budget.reset();
        try (JsonGenerator g = factory.createGenerator(out)) {
            writer.writeArgs(g, snapshot, budget);
        }
        return out.size();
    }

    /** Reference: the same text with plain Jackson (no types, no masking, no budget). */
    @Benchmark
    public int baselineJackson() throws IOException {
        out.reset();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartArray();
            for (String t : texts) {
                g.writeString(t);
            }
            g.writeEndArray();
        }
        return out.size();
    }
}
