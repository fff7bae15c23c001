package dev.agentdbg.runtime.debug;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.PayloadWriter;
import dev.agentdbg.capture.Redactor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The debugger's JSON shapes (docs/debugger.md): a pause, a release, the breakpoint list. Arguments and
 * results are written by the trace's own {@link PayloadWriter}, in the trace's payload form; every string
 * passes the {@link Redactor}. Reads only what capture holds: never the application's objects.
 */
public final class DebugJson {
    private static final JsonFactory JSON = new JsonFactory();

    private final IntFunction<MethodInfo> methods;

    public DebugJson(IntFunction<MethodInfo> methods) {
        this.methods = methods;
    }

    /** A writer for one JSON document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    public static String document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does no I/O
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String mask(String s) {
        return Redactor.current().mask(s);
    }

    public static String at(int at) {
        return at == PauseGate.AT_ENTER ? "enter" : at == PauseGate.AT_EXIT ? "exit" : "both";
    }

    public static String hex(long hi, long lo) {
        return DebugRecord.hex(hi) + DebugRecord.hex(lo);
    }

    /** {@code <pause>}. */
    public void pause(JsonGenerator g, PauseBoard.Pause p, List<Editable> editable) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", p.id);
        g.writeStringField("thread", mask(p.thread.getName()));
        g.writeNumberField("threadId", p.thread.getId());
        g.writeStringField("at", at(p.at));
        g.writeNumberField("depth", p.depth);
        if (p.traceHi != 0 || p.traceLo != 0) {
            g.writeStringField("trace", hex(p.traceHi, p.traceLo));
        }
        g.writeStringField("span", DebugRecord.hex(p.spanId));
        g.writeNumberField("pausedMillis", (System.nanoTime() - p.startedNanos) / 1_000_000L);
        if (p.cause != null) {
            g.writeStringField("breakpoint", mask(p.cause));
        }
        MethodInfo m = methods.apply(p.methodId);
        g.writeObjectFieldStart("method");
        g.writeNumberField("id", p.methodId);
        if (m != null) {
            g.writeStringField("class", mask(m.className()));
            g.writeStringField("name", mask(m.methodName()));
            g.writeStringField("kind", mask(m.kind()));
            g.writeStringField("component", mask(m.component()));
            g.writeStringField("rule", mask(m.rule()));
        }
        g.writeEndObject();
        if (p.call instanceof CapturedCall call) {
            CaptureSpec spec = m == null ? null : m.capture();
            PayloadWriter writer = new PayloadWriter(spec != null ? spec.settings() : CaptureSettings.defaults());
            PayloadWriter.Budget budget = writer.newBudget();
            if (call.args != null) {
                g.writeArrayFieldStart("args");
                for (Object arg : call.args) {
                    writer.write(g, arg, budget);
                }
                g.writeEndArray();
            }
            if (p.at == PauseGate.AT_EXIT && call.hasResult && p.thrown == null) {
                g.writeFieldName("result");
                writer.write(g, call.result, budget);
            }
        }
        if (p.at == PauseGate.AT_EXIT && p.thrown != null) {
            g.writeObjectFieldStart("error");
            g.writeStringField("type", mask(p.thrown.getClass().getName()));
            // Not getMessage(): that is application code. Throwable's own field, read by reflection, is not.
            String message = ThrowableText.message(p.thrown);
            if (message != null) {
                g.writeStringField("message", mask(message));
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("editable");
        for (Editable e : editable) {
            g.writeStartObject();
            g.writeStringField("target", mask(e.target()));
            if (e.editable()) {
                g.writeStringField("format", e.format());
                g.writeStringField("text", mask(e.text()));
            } else {
                g.writeBooleanField("editable", false);
                g.writeStringField("why", mask(e.why()));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code {"id":..,"command":..,"reason":..,"pausedMillis":..}}. */
    public static String released(PauseBoard.Released r) {
        return document(g -> {
            g.writeStartObject();
            g.writeNumberField("id", r.pause().id);
            g.writeStringField("command", r.command().name().toLowerCase(Locale.ROOT));
            g.writeStringField("reason", r.reason() == null ? "command" : r.reason().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("pausedMillis", r.pausedNanos() / 1_000_000L);
            g.writeEndObject();
        });
    }

    /** {@code <breakpoint>}. */
    public static void breakpoint(JsonGenerator g, Breakpoints.Listed b) throws IOException {
        BreakpointSpec spec = b.spec();
        g.writeStartObject();
        g.writeStringField("name", mask(spec.name()));
        g.writeStringField("target", mask(spec.target().text()));
        if (spec.when() == null) {
            g.writeNullField("when");
        } else {
            g.writeStringField("when", mask(spec.when().toString()));
        }
        g.writeNumberField("hit", spec.hit());
        g.writeStringField("at", at(spec.at()));
        g.writeNumberField("calls", b.calls());
        g.writeEndObject();
    }

    /** {@code {"breakpoints":[...],"pauseNextRun":..}}: the {@code breakpoints} event. */
    public static String breakpoints(Breakpoints breakpoints) {
        return document(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("breakpoints");
            for (Breakpoints.Listed b : breakpoints.listed()) {
                breakpoint(g, b);
            }
            g.writeEndArray();
            g.writeBooleanField("pauseNextRun", breakpoints.pauseNextRun());
            g.writeEndObject();
        });
    }

    /** {@code {"text":..}}. */
    public static String text(String text) {
        return document(g -> {
            g.writeStartObject();
            g.writeStringField("text", mask(text));
            g.writeEndObject();
        });
    }
}
