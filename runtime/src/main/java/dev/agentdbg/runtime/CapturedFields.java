package dev.agentdbg.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MethodInfo;
import dev.agentdbg.bootstrap.MethodRegistry;
import dev.agentdbg.capture.CaptureBudget;
import dev.agentdbg.capture.CaptureSettings;
import dev.agentdbg.capture.CaptureSpec;
import dev.agentdbg.capture.CapturedCall;
import dev.agentdbg.capture.PayloadWriter;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.semantics.GenAiSemantics;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a call captured into its span record: {@code args}, {@code result} and the derived
 * {@code attrs}. On the drainer thread: the JSON and the attribute heuristics cost the application
 * nothing.
 */
final class CapturedFields {
    private final MethodRegistry methods;
    /** One writer per settings object (rules that allow toString have their own settings). */
    private final Map<CaptureSettings, PayloadWriter> writers = new IdentityHashMap<>();

    CapturedFields(MethodRegistry methods) {
        this.methods = methods;
    }

    /** @param finished false for a start record, which carries the arguments only */
    void write(JsonGenerator json, int methodId, CapturedCall call, boolean finished) throws IOException {
        try {
            writeFields(json, methodId, call, finished);
        } finally {
            if (finished) {
                CaptureBudget.release(call); // written: the snapshots may go
            }
        }
    }

    private void writeFields(JsonGenerator json, int methodId, CapturedCall call, boolean finished) throws IOException {
        if (call.skipped) {
            json.writeBooleanField("captureSkipped", true);
        }
        MethodInfo info = methods == null ? null : methods.get(methodId);
        CaptureSpec spec = info == null ? null : info.capture();
        CaptureSettings settings = spec != null ? spec.settings() : CaptureSettings.defaults();
        PayloadWriter writer = writers.computeIfAbsent(settings, PayloadWriter::new);
        PayloadWriter.Budget budget = writer.newBudget();
        if (call.args != null) {
            json.writeArrayFieldStart("args");
            for (Object arg : call.args) {
                writer.write(json, arg, budget);
            }
            json.writeEndArray();
        }
        if (!finished) {
            return;
        }
        if (call.hasResult) {
            json.writeFieldName("result");
            writer.write(json, call.result, budget);
        }
        GenAiSemantics semantics = info == null ? null : info.semantics();
        if (semantics != null) {
            writeAttributes(json, semantics, call);
        }
    }

    /** Why the call failed although it returned normally (its rule's errorWhen), or null. */
    String resultError(int methodId, CapturedCall call) {
        MethodInfo info = methods == null ? null : methods.get(methodId);
        GenAiSemantics semantics = info == null ? null : info.semantics();
        if (semantics == null || call.thrown != null) {
            return null;
        }
        try {
            return semantics.resultError(call);
        } catch (RuntimeException e) {
            AgentCounters.internalError("span-attributes", e);
            return null;
        }
    }

    private static void writeAttributes(JsonGenerator json, GenAiSemantics semantics, CapturedCall call)
            throws IOException {
        Map<String, Object> attrs;
        try {
            attrs = semantics.attributes(call);
        } catch (RuntimeException e) {
            AgentCounters.internalError("span-attributes", e);
            return;
        }
        if (attrs.isEmpty()) {
            return;
        }
        Redactor redactor = Redactor.current();
        json.writeObjectFieldStart("attrs");
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            Object v = e.getValue();
            json.writeFieldName(redactor.mask(e.getKey()));
            if (v instanceof Long || v instanceof Integer) {
                json.writeNumber(((Number) v).longValue());
            } else if (v instanceof Number) {
                json.writeNumber(((Number) v).doubleValue());
            } else if (v instanceof List) {
                json.writeStartArray();
                for (Object item : (List<?>) v) {
                    json.writeString(redactor.mask(String.valueOf(item)));
                }
                json.writeEndArray();
            } else {
                json.writeString(redactor.mask(String.valueOf(v)));
            }
        }
        json.writeEndObject();
    }
}
