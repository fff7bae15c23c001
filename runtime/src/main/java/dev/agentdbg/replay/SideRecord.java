package dev.agentdbg.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.capture.Redactor;

import java.io.IOException;

/**
 * A record that is not a span (an HTTP exchange, a recorded value, a replay event), written by the
 * drainer as one trace line: {@code {"type":<type()>, <writeFields>}}.
 */
public interface SideRecord {
    String type();

    /** Memory it holds until written, reserved from the global budget when it was handed over. */
    long bytes();

    /** The method record this one refers to (written before it), or 0 for none. */
    default int methodId() {
        return 0;
    }

    /** Writes the record's fields; every string goes through {@code redactor}. Runs on the drainer. */
    void writeFields(JsonGenerator json, Redactor redactor) throws IOException;
}
