package dev.agentdbg.analyzer.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentdbg.analyzer.model.CallStart;
import dev.agentdbg.analyzer.model.GenAi;
import dev.agentdbg.analyzer.model.Kinds;
import dev.agentdbg.analyzer.model.MethodInfo;
import dev.agentdbg.analyzer.model.RunInfo;
import dev.agentdbg.analyzer.model.Span;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format chrome}: the Chrome trace-event JSON that Perfetto and chrome://tracing open. One process (the
 * run), one track per thread named after it, one complete ("X") event per span, and a flow ("s" on the parent's
 * thread, "f" on the child's) for each call handed to another thread.
 *
 * <p>Events are written as spans are read. A flow needs its parent's thread: known at once when the parent has a
 * start record (agent, llm and tool calls) or is among the last {@value #RECENT_SPANS} spans read, else only when
 * the parent's span arrives after the child's; such children wait for their parent in a table of at most
 * {@value #MAX_WAITING_FLOWS} entries, and a flow past that is left out and counted.
 */
final class ChromeTraceWriter implements SpanWriter {

    static final int MAX_WAITING_FLOWS = 100_000;
    static final int RECENT_SPANS = 65_536;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonGenerator json;
    private final Map<Long, Long> openCallThreads = new HashMap<>();
    /** Async calls whose parent's thread was known when they began: call id -> the parent's thread. */
    private final Map<Long, Long> parentThreadAtStart = new HashMap<>();
    /** The threads of the spans read last: a parent that ended before its async child is usually among them. */
    private final Map<Long, Long> recentThreads = new LinkedHashMap<>(1 << 12, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > RECENT_SPANS;
        }
    };
    private final Map<Long, List<long[]>> waitingForParent = new HashMap<>();
    private final Map<Long, Long> threadIds = new HashMap<>();
    private final Map<String, Long> namedThreads = new HashMap<>();
    private int waiting;
    private long flowsLeftOut;
    private long nextFlow = 1;
    private long pid = 1;
    private long originNanos;

    private final String serviceName;

    /** @param serviceName names the run's process; {@code null}: the traced program's main class or jar */
    ChromeTraceWriter(Writer out, String serviceName) throws IOException {
        json = new JsonFactory().createGenerator(out);
        this.serviceName = serviceName;
    }

    @Override
    public void begin(RunInfo run) throws IOException {
        pid = run.pid() == null ? 1 : run.pid();
        originNanos = run.startNanos();
        json.writeStartObject();
        json.writeStringField("displayTimeUnit", "ms");
        json.writeObjectFieldStart("otherData");
        json.writeStringField("runId", run.runId());
        json.writeStringField("start", run.start());
        json.writeStringField("command", run.command());
        json.writeStringField("exportedBy", "agentdbg-analyzer export --format chrome");
        json.writeEndObject();
        json.writeArrayFieldStart("traceEvents");
        json.writeStartObject();
        json.writeStringField("ph", "M");
        json.writeStringField("name", "process_name");
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", 0);
        json.writeObjectFieldStart("args");
        json.writeStringField("name", (serviceName != null ? serviceName : OtlpMapping.serviceName(run.command()))
                + " (run " + run.runId() + ")");
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    public void start(CallStart start) {
        openCallThreads.put(start.id(), tid(start.threadId(), start.thread()));
        if (start.async() && start.hasParent()) {
            Long parentThread = openCallThreads.get(start.parent());
            if (parentThread != null) {
                parentThreadAtStart.put(start.id(), parentThread);
            }
        }
    }

    @Override
    public void ended(Span span) {
        openCallThreads.remove(span.id());
    }

    @Override
    public void span(Span span, MethodInfo method, boolean unfinished) throws IOException {
        long tid = thread(span.threadId(), span.thread());
        if (originNanos == 0) {
            originNanos = span.start();
        }
        json.writeStartObject();
        json.writeStringField("ph", "X");
        json.writeStringField("name", method.displayName());
        json.writeStringField("cat", method.kind());
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeFieldName("ts");
        json.writeNumber(micros(span.start() - originNanos));
        json.writeFieldName("dur");
        json.writeNumber(micros(span.dur()));
        writeArgs(span, method, unfinished);
        json.writeEndObject();
        Long fromStart = parentThreadAtStart.remove(span.id());
        recentThreads.put(span.id(), tid);
        if (span.async() && span.hasParent()) {
            Long parentThread = fromStart != null ? fromStart : openCallThreads.get(span.parent());
            if (parentThread == null) {
                parentThread = recentThreads.get(span.parent());
            }
            if (parentThread != null) {
                flow(parentThread, tid, span.start());
            } else if (waiting < MAX_WAITING_FLOWS) {
                waitingForParent.computeIfAbsent(span.parent(), k -> new ArrayList<>(1))
                        .add(new long[] {tid, span.start()});
                waiting++;
            } else {
                flowsLeftOut++;
            }
        }
        List<long[]> children = waitingForParent.remove(span.id());
        if (children != null) {
            waiting -= children.size();
            for (long[] child : children) {
                flow(tid, child[0], child[1]);
            }
        }
    }

    private void writeArgs(Span span, MethodInfo method, boolean unfinished) throws IOException {
        json.writeObjectFieldStart("args");
        if (Kinds.LLM.equals(method.kind())) {
            String model = GenAi.model(span.attrs());
            if (model != null) {
                json.writeStringField("model", model);
            }
            Long in = span.attrs().longValue(GenAi.INPUT_TOKENS);
            Long out = span.attrs().longValue(GenAi.OUTPUT_TOKENS);
            if (in != null) {
                json.writeNumberField("input_tokens", in);
            }
            if (out != null) {
                json.writeNumberField("output_tokens", out);
            }
            BigDecimal cost = span.attrs().decimal(GenAi.COST_USD);
            if (cost != null) {
                json.writeNumberField("cost_usd", cost);
            }
        }
        json.writeStringField("kind", method.kind());
        json.writeStringField("component", method.component());
        json.writeStringField("method", method.className() + "." + method.method());
        if (method.sourceLocation() != null) {
            json.writeStringField("source", method.sourceLocation());
        }
        json.writeStringField("trace", span.trace());
        json.writeStringField("span", span.idHex());
        if (span.hasParent()) {
            json.writeStringField("parent", span.parentHex());
        }
        json.writeStringField("status", unfinished ? "unfinished" : span.isError() ? "error" : "ok");
        if (span.error() != null) {
            json.writeStringField("error", span.error().headline());
        }
        if (span.async()) {
            json.writeBooleanField("async", true);
        }
        for (Map.Entry<String, JsonNode> e : span.attrs().asMap().entrySet()) {
            json.writeFieldName(e.getKey());
            MAPPER.writeTree(json, e.getValue());
        }
        json.writeEndObject();
    }

    /** An arrow from the parent's track at the moment the child began to the child's slice. */
    private void flow(long fromTid, long toTid, long atNanos) throws IOException {
        long id = nextFlow++;
        BigDecimal ts = micros(atNanos - originNanos);
        for (String ph : new String[] {"s", "f"}) {
            json.writeStartObject();
            json.writeStringField("ph", ph);
            json.writeStringField("name", "async hand-over");
            json.writeStringField("cat", "async");
            json.writeNumberField("id", id);
            json.writeNumberField("pid", pid);
            json.writeNumberField("tid", "s".equals(ph) ? fromTid : toTid);
            json.writeFieldName("ts");
            json.writeNumber(ts);
            if ("f".equals(ph)) {
                // bind to the slice that begins here (the child), not to the one enclosing this instant
                json.writeStringField("bp", "e");
            }
            json.writeEndObject();
        }
    }

    /** The thread's track, named by a thread_name event the first time it is seen. */
    private long thread(long threadId, String name) throws IOException {
        long tid = tid(threadId, name);
        if (threadIds.putIfAbsent(tid, tid) == null) {
            json.writeStartObject();
            json.writeStringField("ph", "M");
            json.writeStringField("name", "thread_name");
            json.writeNumberField("pid", pid);
            json.writeNumberField("tid", tid);
            json.writeObjectFieldStart("args");
            json.writeStringField("name", name == null ? "thread " + tid : name);
            json.writeEndObject();
            json.writeEndObject();
        }
        return tid;
    }

    /** The JVM's thread id; a trace without one numbers its thread names from 1,000,000,000 on. */
    private long tid(long threadId, String name) {
        if (threadId > 0) {
            return threadId;
        }
        return namedThreads.computeIfAbsent(name == null ? "" : name, n -> 1_000_000_000L + namedThreads.size());
    }

    /** Trace-event time is in microseconds; three decimals keep the nanoseconds. */
    private static BigDecimal micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3);
    }

    @Override
    public void finish() throws IOException {
        flowsLeftOut += waiting;
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    @Override
    public String note() {
        return flowsLeftOut == 0 ? null : flowsLeftOut + " async hand-over arrow(s) left out: the parent span was "
                + "filtered out, never ended, or came after " + MAX_WAITING_FLOWS + " others waiting";
    }
}
