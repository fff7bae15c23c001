package dev.agentdbg.analyzer.read;

/**
 * Where {@link RecordParser} reports an optional field it could not use, so the record is kept without it and the
 * user is told once per field (see {@link FieldWarnings}).
 */
@FunctionalInterface
interface FieldSink {

    /** Drops every report; for callers that only identify files. */
    FieldSink NONE = (record, field, problem, outcome) -> {
    };

    /**
     * @param record  the record type, e.g. {@code method}
     * @param field   the field's name, e.g. {@code line}
     * @param problem what is wrong with it, e.g. {@code is not a number}
     * @param outcome what was done instead, e.g. {@code ignored}
     */
    void report(String record, String field, String problem, String outcome);
}
