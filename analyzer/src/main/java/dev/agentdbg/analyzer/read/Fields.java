package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the optional fields of one record type, reporting each of the wrong type and using its fallback. */
record Fields(String record, FieldSink sink) {

    void report(String field, String problem, String outcome) {
        sink.report(record, field, problem, outcome);
    }

    String text(JsonNode n, String field) {
        return textOf(n.get(field), field);
    }

    /** {@code v}, the value of {@code field}, as text. */
    String textOf(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            report(field, "is not a string", "ignored");
            return null;
        }
        return v.asText();
    }

    long number(JsonNode n, String field, long fallback) {
        return numberOf(n.get(field), field, fallback);
    }

    long numberOf(JsonNode v, String field, long fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            report(field, "is not a number", "ignored");
            return fallback;
        }
        return v.longValue();
    }

    Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            report(field, "is not a number", "ignored");
            return null;
        }
        return v.intValue();
    }

    boolean bool(JsonNode n, String field) {
        return boolOf(n.get(field), field);
    }

    boolean boolOf(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            report(field, "is not true or false", "ignored");
            return false;
        }
        return v.booleanValue();
    }
}
