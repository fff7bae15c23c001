package dev.agentdbg.runtime.debug;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.SideRecord;

import java.io.IOException;

/**
 * A {@code debug} trace record (docs/trace-format.md): a pause, its release, a debugger warning, an edit
 * or a breakpoint change, written by the drainer like the other side records. Fields left null (or 0) are
 * not written; every string passes the redactor on the drainer.
 */
final class DebugRecord implements SideRecord {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    final String event;
    final long time;
    long traceHi;
    long traceLo;
    long span;
    String thread;
    String at;
    int method;
    String breakpoint;
    String command;
    String reason;
    long pausedNanos = -1;
    String text;
    String target;
    String before;
    String after;

    DebugRecord(String event, long epochNanos) {
        this.event = event;
        this.time = epochNanos;
    }

    @Override
    public String type() {
        return "debug";
    }

    @Override
    public long bytes() {
        return 256 + 2L * (len(thread) + len(breakpoint) + len(text) + len(target) + len(before) + len(after));
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    @Override
    public int methodId() {
        return method;
    }

    @Override
    public void writeFields(JsonGenerator json, Redactor redactor) throws IOException {
        json.writeStringField("event", event);
        json.writeNumberField("time", time);
        if (traceHi != 0 || traceLo != 0) {
            json.writeStringField("trace", hex(traceHi) + hex(traceLo));
        }
        if (span != 0) {
            json.writeStringField("span", hex(span));
        }
        string(json, redactor, "thread", thread);
        string(json, redactor, "at", at);
        if (method > 0) {
            json.writeNumberField("method", method);
        }
        string(json, redactor, "breakpoint", breakpoint);
        string(json, redactor, "command", command);
        string(json, redactor, "reason", reason);
        if (pausedNanos >= 0) {
            json.writeNumberField("pausedNanos", pausedNanos);
        }
        string(json, redactor, "text", text);
        string(json, redactor, "target", target);
        string(json, redactor, "before", before);
        string(json, redactor, "after", after);
    }

    private static void string(JsonGenerator json, Redactor redactor, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, redactor.mask(value));
        }
    }

    static String hex(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(out);
    }
}
