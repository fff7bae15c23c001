package dev.agentdbg.replay.values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.PayloadWriter;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.capture.Walk;

import java.io.IOException;
import java.io.StringWriter;

/**
 * A call's arguments as one canonical, bounded, redacted text: the JSON array payload capture writes
 * (fields, never getters; secrets masked). A recorded call keeps it for content matching and for a
 * readable divergence message; a replayed call renders its live arguments the same way to compare.
 */
final class ArgsText {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ArgsText() {
    }

    /** Snapshots of the arguments, on the application thread (the arguments may change later). */
    static Object[] snapshot(Object[] args, CaptureSettings settings) {
        if (args == null) {
            return new Object[0];
        }
        return new Walk(settings).snapshotArgs(args, -1);
    }

    /** The snapshots as text, masked by the current redactor; never throws. */
    static String render(Object[] snapshots, CaptureSettings settings) {
        PayloadWriter writer = new PayloadWriter(settings);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.writeArgs(g, snapshots == null ? new Object[0] : snapshots, writer.newBudget());
        } catch (IOException | RuntimeException e) {
            return "[arguments could not be rendered: " + e.getClass().getSimpleName() + "]";
        }
        return Redactor.current().mask(out.toString());
    }

    /** Live arguments straight to text (replay). */
    static String of(Object[] args, CaptureSettings settings) {
        return render(snapshot(args, settings), settings);
    }

    /** "recorded: …" / "now: …", each clipped around the first difference, for a divergence report. */
    static String difference(String recorded, String now) {
        int i = 0;
        int n = Math.min(recorded.length(), now.length());
        while (i < n && recorded.charAt(i) == now.charAt(i)) {
            i++;
        }
        return "arguments differ at character " + i + ":\n  recorded: " + clip(recorded, i) + "\n  now:      " + clip(now, i);
    }

    private static String clip(String s, int at) {
        int from = Math.max(0, at - 120);
        int to = Math.min(s.length(), at + 240);
        return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…" : "");
    }
}
