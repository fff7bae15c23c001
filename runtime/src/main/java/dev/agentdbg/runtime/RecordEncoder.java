package dev.agentdbg.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.bootstrap.SpanSlot;
import dev.agentdbg.replay.ReplayMode;
import dev.agentdbg.replay.ReplayPlan;
import dev.agentdbg.replay.ReplaySettings;
import dev.agentdbg.replay.SideRecord;
import dev.agentdbg.replay.determinism.Deterministic;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns records into single JSON lines (docs/trace-format.md) in a reusable buffer. Runs on the
 * drainer thread only. Every string it writes passes the {@link Redactor}.
 */
final class RecordEncoder {
    static final int SCHEMA = 1;
    /** Line buffer kept between records; part of the writer's reservation in the memory budget. */
    private static final int SIDE_LINE_KEEP = 64 * 1024;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final LineBuffer line = new LineBuffer();
    private final JsonFactory factory;
    private JsonGenerator json;
    private final int exceptionFrames;
    private final CapturedFields payloads;
    private final char[] hexScratch = new char[32];
    private final ThreadNames threadNames = new ThreadNames();

    private static final byte[] SPAN_TRACE = ascii("{\"type\":\"span\",\"trace\":\"");
    private static final byte[] START_TRACE = ascii("{\"type\":\"start\",\"trace\":\"");
    private static final byte[] START_END = ascii("}\n");
    private static final byte[] ASYNC = ascii(",\"async\":true");
    private static final byte[] SPAN_SPAN = ascii("\",\"span\":\"");
    private static final byte[] SPAN_PARENT = ascii("\",\"parent\":\"");
    private static final byte[] SPAN_METHOD = ascii("\",\"method\":");
    private static final byte[] SPAN_THREAD = ascii(",\"thread\":\"");
    private static final byte[] SPAN_THREAD_ID = ascii("\",\"threadId\":");
    private static final byte[] SPAN_START = ascii(",\"start\":");
    private static final byte[] SPAN_DUR = ascii(",\"dur\":");
    private static final byte[] SPAN_END_OK = ascii(",\"status\":\"ok\"}\n");

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    RecordEncoder(int exceptionFrames, MethodRegistry methods) {
        this.exceptionFrames = exceptionFrames;
        this.payloads = new CapturedFields(methods);
        factory = JsonFactory.builder().build();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        factory.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        factory.setRootValueSeparator(null);
        json = newGenerator();
    }

    private JsonGenerator newGenerator() {
        try {
            return factory.createGenerator(line);
        } catch (IOException e) {
            throw new IllegalStateException(e); // LineBuffer does no I/O
        }
    }

    /** The encoded line, including its terminating newline; valid until the next encode call. */
    LineBuffer line() {
        return line;
    }

    LineBuffer run(RunInfo run, int part) throws IOException {
        begin("run");
        json.writeNumberField("schema", SCHEMA);
        json.writeStringField("runId", text(run.runId()));
        json.writeNumberField("part", part);
        json.writeStringField("start", run.start().toString());
        json.writeNumberField("startNanos", run.startEpochNanos());
        json.writeNumberField("pid", run.pid());
        json.writeStringField("host", text(run.host()));
        json.writeStringField("command", Redactor.current().maskCommandLine(run.command()));
        json.writeObjectFieldStart("jvm");
        json.writeStringField("version", text(System.getProperty("java.version")));
        json.writeStringField("vendor", text(System.getProperty("java.vendor")));
        json.writeStringField("name", text(System.getProperty("java.vm.name")));
        json.writeEndObject();
        json.writeStringField("agentVersion", text(run.agentVersion()));
        writeStringMap("config", run.config());
        json.writeArrayFieldStart("rules");
        for (Map<String, String> rule : run.rules()) {
            json.writeStartObject();
            for (Map.Entry<String, String> e : rule.entrySet()) {
                json.writeStringField(text(e.getKey()), text(e.getValue()));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        writeStringList("warnings", run.warnings());
        writeMode();
        return end();
    }

    LineBuffer method(MethodInfo m) throws IOException {
        begin("method");
        json.writeNumberField("id", m.id());
        json.writeStringField("class", text(m.className()));
        json.writeStringField("method", text(m.methodName()));
        json.writeStringField("desc", text(m.descriptor()));
        json.writeStringField("kind", text(m.kind()));
        json.writeStringField("component", text(m.component()));
        json.writeStringField("rule", text(m.rule()));
        if (m.sourceFile() != null) {
            json.writeStringField("file", text(m.sourceFile()));
        }
        if (m.firstLine() > 0) {
            json.writeNumberField("line", m.firstLine());
        }
        return end();
    }

    LineBuffer span(SpanSlot s) throws IOException {
        String name = s.threadName();
        if (s.detail() == null && name != null) {
            byte[] plain = threadNames.of(name).plainBytes();
            if (plain != null) {
                return plainRecord(s, plain);
            }
        }
        return generatedSpan(s);
    }

    /** Any span or start record through the JSON generator: exceptions, names that need escaping. */
    LineBuffer generatedSpan(SpanSlot s) throws IOException {
        begin(s.isStart() ? "start" : "span");
        json.writeFieldName("trace");
        json.writeString(hex(s.traceHi(), s.traceLo()), 0, 32);
        json.writeFieldName("span");
        json.writeString(hex(s.spanId()), 0, 16);
        if (s.parentId() != 0) {
            json.writeFieldName("parent");
            json.writeString(hex(s.parentId()), 0, 16);
        }
        json.writeNumberField("method", s.methodId());
        if (s.isAsync()) {
            json.writeBooleanField("async", true);
        }
        json.writeStringField("thread", s.threadName() == null ? null : threadNames.of(s.threadName()).text());
        json.writeNumberField("threadId", s.threadId());
        json.writeNumberField("start", s.startEpochNanos());
        CapturedCall call = s.captured();
        if (s.isStart()) {
            if (call != null) {
                payloads.write(json, s.methodId(), call, false);
            }
            return end();
        }
        json.writeNumberField("dur", s.durationNanos());
        Throwable thrown = s.thrown();
        String resultError = call != null && thrown == null ? payloads.resultError(s.methodId(), call) : null;
        json.writeStringField("status", thrown == null && resultError == null ? "ok" : "error");
        if (thrown != null) {
            writeError(thrown);
        } else if (resultError != null) {
            // Returned normally, but its result says it failed (the rule's errorWhen).
            json.writeObjectFieldStart("error");
            json.writeStringField("type", "(error result)");
            json.writeStringField("message", text(resultError));
            json.writeEndObject();
        }
        if (call != null) {
            payloads.write(json, s.methodId(), call, true);
        }
        return end();
    }

    /**
     * The common case, a span that returned normally (or a start record), written straight as bytes: the drainer's
     * throughput is bounded by this method. The output is byte-for-byte what the generator writes.
     */
    private LineBuffer plainRecord(SpanSlot s, byte[] threadName) {
        LineBuffer out = line;
        out.reset();
        out.writeBytes(s.isStart() ? START_TRACE : SPAN_TRACE);
        out.writeHex16(s.traceHi());
        out.writeHex16(s.traceLo());
        out.writeBytes(SPAN_SPAN);
        out.writeHex16(s.spanId());
        if (s.parentId() != 0) {
            out.writeBytes(SPAN_PARENT);
            out.writeHex16(s.parentId());
        }
        out.writeBytes(SPAN_METHOD);
        out.writeLong(s.methodId());
        if (s.isAsync()) {
            out.writeBytes(ASYNC);
        }
        out.writeBytes(SPAN_THREAD);
        out.writeBytes(threadName);
        out.writeBytes(SPAN_THREAD_ID);
        out.writeLong(s.threadId());
        out.writeBytes(SPAN_START);
        out.writeLong(s.startEpochNanos());
        if (s.isStart()) {
            out.writeBytes(START_END);
            return out;
        }
        out.writeBytes(SPAN_DUR);
        out.writeLong(s.durationNanos());
        out.writeBytes(SPAN_END_OK);
        return out;
    }

    LineBuffer stats(boolean last, Instant at, long endEpochNanos, long spans, long starts, long dropped,
                     long droppedStarts, long bytes, int files, List<String> unmatchedRules, BudgetStats budget)
            throws IOException {
        begin("stats");
        json.writeBooleanField("final", last);
        json.writeStringField("at", at.toString());
        json.writeNumberField("endNanos", endEpochNanos);
        json.writeNumberField("spans", spans);
        json.writeNumberField("starts", starts);
        json.writeNumberField("dropped", dropped);
        json.writeNumberField("droppedStarts", droppedStarts);
        json.writeNumberField("internalErrors", AgentCounters.internalErrors.get());
        json.writeNumberField("methodsInstrumented", AgentCounters.methodsInstrumented.get());
        json.writeNumberField("classesTransformed", AgentCounters.classesTransformed.get());
        json.writeNumberField("transformFailures", AgentCounters.transformFailures.get());
        if (ClassNotes.notNoted() > 0) {
            json.writeNumberField("classesNotNoted", ClassNotes.notNoted());
        }
        json.writeNumberField("captureSkipped", dev.agentdbg.capture.CaptureBudget.skipped());
        json.writeNumberField("memoryMax", budget.memoryMax());
        json.writeNumberField("memoryPeak", budget.memoryPeak());
        json.writeNumberField("droppedByMemory", budget.droppedByMemory());
        json.writeNumberField("droppedAtExit", budget.droppedAtExit());
        if (ReplayMode.recording() || ReplayMode.replaying()) {
            // recordings and replay events the memory budget refused, or that came after the end
            json.writeNumberField("recordsDropped", dev.agentdbg.replay.SideRecords.dropped());
            if (!ReplayMode.settings().deterministic().isEmpty()) {
                // deterministic calls past the recorded values (replay), values the budget kept from the recording
                json.writeNumberField("deterministicLive", Deterministic.liveCalls());
                json.writeNumberField("deterministicNotRecorded", Deterministic.notRecorded());
            }
        }
        json.writeNumberField("bytes", bytes);
        json.writeNumberField("files", files);
        if (unmatchedRules != null) {
            writeStringList("unmatchedRules", unmatchedRules);
            Map<String, String> picks = AgentCounters.rulePicks.get();
            if (!picks.isEmpty()) {
                writeStringMap("rulePicks", picks);
            }
        }
        return end();
    }

    /** A recording or replay event ({@link SideRecord}); its strings are redacted by the record itself. */
    LineBuffer side(SideRecord record) throws IOException {
        begin(record.type());
        record.writeFields(json, Redactor.current());
        return end();
    }

    /** Lets go of a line buffer a big record (a recorded response) grew, so it does not outlive the record. */
    void trimLine() {
        line.trim(SIDE_LINE_KEEP);
    }

    /** Record and replay runs say so in the run record: replay also names the run it replays and its plan. */
    private void writeMode() throws IOException {
        ReplaySettings mode = ReplayMode.settings();
        if (!mode.recording() && !mode.replaying()) {
            return;
        }
        json.writeStringField("mode", mode.mode());
        if (mode.replaying()) {
            String of = ReplayMode.store().runId();
            if (of != null) {
                json.writeStringField("replayOf", text(of));
            }
            json.writeArrayFieldStart("replayPlan");
            for (ReplayPlan.Entry e : ReplayPlan.current()) {
                json.writeStartObject();
                json.writeStringField("kind", e.kind());
                json.writeStringField("key", text(e.key()));
                json.writeNumberField("recorded", e.recorded());
                json.writeNumberField("served", e.served());
                json.writeNumberField("unservable", e.reasons().size());
                if (e.note() != null) {
                    json.writeStringField("note", text(e.note()));
                }
                writeStringList("reasons", e.reasons());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    /** A class the agent saw near a rule ({@link ClassNotes}); every name passes the redactor too. */
    LineBuffer classNote(ClassNotes.Note note) throws IOException {
        begin("class");
        json.writeStringField("class", text(note.className()));
        json.writeStringField("outcome", note.outcome());
        writeStringList("rules", note.rules());
        if (note.reason() != null) {
            json.writeStringField("reason", text(note.reason()));
        }
        writeStringList("methods", note.methods());
        if (note.moreMethods() > 0) {
            json.writeNumberField("moreMethods", note.moreMethods());
        }
        return end();
    }

    LineBuffer agentError(String where, String message) throws IOException {
        begin("agentError");
        json.writeStringField("where", text(where));
        json.writeStringField("message", text(message));
        return end();
    }

    private void writeError(Throwable thrown) throws IOException {
        json.writeObjectFieldStart("error");
        json.writeStringField("type", text(thrown.getClass().getName()));
        writeMessage(thrown);
        StackTraceElement[] frames = thrown.getStackTrace();
        int shown = Math.min(frames.length, exceptionFrames);
        json.writeArrayFieldStart("stack");
        StringBuilder frame = new StringBuilder(128);
        for (int i = 0; i < shown; i++) {
            frame.setLength(0);
            appendFrame(frame, frames[i]);
            json.writeString(text(frame.toString()));
        }
        json.writeEndArray();
        if (frames.length > shown) {
            json.writeNumberField("framesOmitted", frames.length - shown);
        }
        Throwable cause = thrown.getCause();
        if (cause != null && cause != thrown) {
            json.writeObjectFieldStart("cause");
            json.writeStringField("type", text(cause.getClass().getName()));
            writeMessage(cause);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** getMessage() is application code: it may throw, and it may be huge. */
    private void writeMessage(Throwable t) throws IOException {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable fault) {
            message = "(getMessage() threw " + fault.getClass().getName() + ")";
        }
        if (message != null) {
            if (message.length() > 4096) {
                // Masked a little beyond the cut, so a key straddling it is recognised whole.
                String masked = text(message.substring(0, Math.min(message.length(), 4096 + 256)));
                message = masked.substring(0, Math.min(4096, masked.length())) + "…(truncated, " + message.length()
                        + " chars)";
            } else {
                message = text(message);
            }
            json.writeStringField("message", message);
        }
    }

    private static void appendFrame(StringBuilder out, StackTraceElement e) {
        out.append(e.getClassName()).append('.').append(e.getMethodName()).append('(');
        if (e.isNativeMethod()) {
            out.append("Native Method");
        } else if (e.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(e.getFileName());
            if (e.getLineNumber() >= 0) {
                out.append(':').append(e.getLineNumber());
            }
        }
        out.append(')');
    }

    private void writeStringMap(String field, Map<String, String> map) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : map.entrySet()) {
            json.writeStringField(text(e.getKey()), text(e.getValue()));
        }
        json.writeEndObject();
    }

    private void writeStringList(String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(text(v));
        }
        json.writeEndArray();
    }

    /** The one redaction step (see {@link Redactor}); null stays null. */
    private static String text(String value) {
        return Redactor.current().mask(value);
    }

    private void begin(String type) throws IOException {
        line.reset();
        json.writeStartObject();
        json.writeStringField("type", type);
    }

    private LineBuffer end() throws IOException {
        json.writeEndObject();
        json.flush();
        line.write('\n');
        return line;
    }

    /** Drops a half-written record after a failure, so the next record starts clean. */
    void discard() {
        json = newGenerator(); // the old one may be stuck inside an unfinished object
        line.reset();
    }

    private char[] hex(long hi, long lo) {
        putHex(hi, 0);
        putHex(lo, 16);
        return hexScratch;
    }

    private char[] hex(long value) {
        putHex(value, 0);
        return hexScratch;
    }

    private void putHex(long value, int offset) {
        for (int i = 15; i >= 0; i--) {
            hexScratch[offset + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
