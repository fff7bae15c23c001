package dev.agentdbg.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.capture.Redactor;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a replay writes about itself: a {@code replayed} record for every call it served and a
 * {@code divergence} record for every request that differed from the recorded one, the first few
 * of those also on stderr.
 */
public final class ReplayEvents {
    /** Divergences printed on stderr; later ones are only in the trace. */
    static final int PRINTED_DIVERGENCES = 5;
    private static final AtomicInteger DIVERGENCES = new AtomicInteger();

    private ReplayEvents() {
    }

    /** Call {@code call} of {@code kind} ({@code llm}, {@code tool}) inside span {@code span} was served. */
    public static void served(long span, int call, String kind, String key, String source) {
        SideRecords.offer(new Served(span, call, kind, key, source));
    }

    /** The request of call {@code call} differed from the recorded one. */
    public static void diverged(long span, int call, String kind, String key, String diff) {
        SideRecords.offer(new Diverged(span, call, kind, key, diff));
        int n = DIVERGENCES.incrementAndGet();
        if (n <= PRINTED_DIVERGENCES) {
            String text = Redactor.current().mask(diff);
            System.err.println("[agentdbg] replay: " + kind + " call " + call + " (" + key
                    + ") differs from the recording:\n  " + text.replace("\n", "\n  "));
        } else if (n == PRINTED_DIVERGENCES + 1) {
            System.err.println("[agentdbg] replay: more calls differ from the recording; every difference is "
                    + "in the replay's trace (divergence records)");
        }
    }

    /** How many requests differed so far. */
    public static int divergences() {
        return DIVERGENCES.get();
    }

    private record Served(long span, int call, String kind, String key, String source) implements SideRecord {
        @Override
        public String type() {
            return "replayed";
        }

        @Override
        public long bytes() {
            return 96 + 2L * key.length();
        }

        @Override
        public void writeFields(JsonGenerator json, Redactor redactor) throws IOException {
            json.writeStringField("span", OpenSpans.hex(span));
            json.writeNumberField("call", call);
            json.writeStringField("kind", kind);
            json.writeStringField("source", source);
            json.writeStringField("key", redactor.mask(key));
        }
    }

    private record Diverged(long span, int call, String kind, String key, String diff) implements SideRecord {
        @Override
        public String type() {
            return "divergence";
        }

        @Override
        public long bytes() {
            return 96 + 2L * (key.length() + diff.length());
        }

        @Override
        public void writeFields(JsonGenerator json, Redactor redactor) throws IOException {
            json.writeStringField("span", OpenSpans.hex(span));
            json.writeNumberField("call", call);
            json.writeStringField("kind", kind);
            json.writeStringField("key", redactor.mask(key));
            json.writeStringField("diff", redactor.mask(diff));
        }
    }
}
