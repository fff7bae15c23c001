package dev.agentdbg.runtime.debug;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.Spans;
import dev.agentdbg.replay.SideRecords;
import dev.agentdbg.runtime.debug.feed.LiveFeed;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The debugger's {@link DebugEvents}: each event becomes a {@code debug} trace record (handed to the drainer
 * like the other side records, inside the memory budget) and an event of the live feed; warnings are also
 * printed. Never blocks, never throws: a fault is counted and the thread runs on.
 */
public final class DebugFeed implements DebugEvents {
    private final LiveFeed feed;
    private final DebugJson json;
    private final Consumer<String> console;
    private volatile DebugSession session;

    /** @param console where warnings are printed too (stderr), or null */
    public DebugFeed(IntFunction<MethodInfo> methods, LiveFeed feed, Consumer<String> console) {
        this.feed = feed;
        this.json = new DebugJson(methods);
        this.console = console == null ? w -> { } : console;
    }

    /** The session whose editables the {@code paused} events list; set once it has started. */
    public void attach(DebugSession session) {
        this.session = session;
    }

    public LiveFeed feed() {
        return feed;
    }

    public DebugJson json() {
        return json;
    }

    private static long now() {
        return Spans.toEpochNanos(System.nanoTime());
    }

    @Override
    public void paused(PauseBoard.Pause p) {
        try {
            DebugRecord r = located("pause", p);
            r.breakpoint = p.cause;
            SideRecords.offer(r);
            feed.publishPause("paused", p.id, pauseJson(p));
        } catch (Throwable t) {
            AgentCounters.internalError("debug-feed", t);
        }
    }

    /** A {@code <pause>} document (docs/debugger.md), with what the session says may be edited. */
    public String pauseJson(PauseBoard.Pause p) {
        DebugSession s = session;
        List<Editable> editable = List.of();
        if (s != null) {
            try {
                editable = s.editables().at(p);
            } catch (Throwable t) {
                AgentCounters.internalError("debug-editables", t);
            }
        }
        List<Editable> list = editable == null ? List.of() : editable;
        return DebugJson.document(g -> json.pause(g, p, list));
    }

    @Override
    public void released(PauseBoard.Released released) {
        try {
            DebugRecord r = located("release", released.pause());
            r.command = released.command().name().toLowerCase(Locale.ROOT);
            r.reason = released.reason() == null ? "command" : released.reason().name().toLowerCase(Locale.ROOT);
            r.pausedNanos = released.pausedNanos();
            SideRecords.offer(r);
            feed.publishPause("released", released.pause().id, DebugJson.released(released));
        } catch (Throwable t) {
            AgentCounters.internalError("debug-feed", t);
        }
    }

    @Override
    public void warning(String text) {
        try {
            console.accept(DebugJson.mask(text));
            DebugRecord r = new DebugRecord("warning", now());
            r.text = text;
            SideRecords.offer(r);
            feed.publish("warning", DebugJson.text(text));
        } catch (Throwable t) {
            AgentCounters.internalError("debug-feed", t);
        }
    }

    @Override
    public void edited(long traceHi, long traceLo, long spanId, String target, String before, String after) {
        try {
            DebugRecord r = new DebugRecord("edit", now());
            r.traceHi = traceHi;
            r.traceLo = traceLo;
            r.span = spanId;
            r.thread = Thread.currentThread().getName();
            r.target = target;
            r.before = before;
            r.after = after;
            SideRecords.offer(r);
            feed.publish("edit", DebugJson.document(g -> {
                g.writeStartObject();
                g.writeStringField("type", "debug");
                g.writeStringField("event", "edit");
                g.writeNumberField("time", r.time);
                if (traceHi != 0 || traceLo != 0) {
                    g.writeStringField("trace", DebugJson.hex(traceHi, traceLo));
                }
                g.writeStringField("span", DebugRecord.hex(spanId));
                g.writeStringField("thread", DebugJson.mask(r.thread));
                g.writeStringField("target", DebugJson.mask(target));
                g.writeStringField("before", DebugJson.mask(before));
                g.writeStringField("after", DebugJson.mask(after));
                g.writeEndObject();
            }));
        } catch (Throwable t) {
            AgentCounters.internalError("debug-feed", t);
        }
    }

    /**
     * A breakpoint was set or removed, or "pause the next run" switched: a {@code debug} record
     * ({@code command} set, remove or pause_next_run) and the {@code breakpoints} event with the whole list.
     */
    public void breakpointsChanged(Breakpoints breakpoints, String command, BreakpointSpec spec, String name) {
        try {
            DebugRecord r = new DebugRecord("breakpoint", now());
            r.command = command;
            r.breakpoint = spec != null ? spec.name() : name;
            if (spec != null) {
                r.target = spec.target().text();
                r.at = DebugJson.at(spec.at());
                r.text = spec.when() == null ? null : spec.when().toString();
            }
            if ("pause_next_run".equals(command)) {
                r.reason = breakpoints.pauseNextRun() ? "on" : "off";
            }
            SideRecords.offer(r);
            feed.publish("breakpoints", DebugJson.breakpoints(breakpoints));
        } catch (Throwable t) {
            AgentCounters.internalError("debug-feed", t);
        }
    }

    /**
     * The program is ending: the {@code ended} event; the feed's readers send it and close. Waits at most
     * {@code millis} for them, so a page hears it before the JVM halts.
     */
    public void ended(long millis) {
        try {
            feed.publish("ended", "{}");
        } finally {
            feed.end();
        }
        try {
            feed.awaitReaders(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DebugRecord located(String event, PauseBoard.Pause p) {
        DebugRecord r = new DebugRecord(event, now());
        r.traceHi = p.traceHi;
        r.traceLo = p.traceLo;
        r.span = p.spanId;
        r.thread = p.thread.getName();
        r.at = DebugJson.at(p.at);
        r.method = p.methodId;
        return r;
    }
}
