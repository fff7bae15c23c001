package dev.agentdbg.analyzer.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading a run went through: the files and their line counts, the lines skipped and why, the values left out
 * of records that were otherwise used, and notes.
 */
public final class ReadReport {

    /** One file as read. */
    public record FileRead(Path path, int part, long lines) {
    }

    /** Where the first malformed optional value was, and what was wrong with it. */
    private record IgnoredValue(Path file, long line, String reason) {
    }

    /** Skipped lines kept for display; a file full of garbage must not fill the heap with reasons. */
    static final int MAX_SKIPPED_KEPT = 100;

    private final List<FileRead> files = new ArrayList<>();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final FieldWarnings badFields = new FieldWarnings();
    private long skippedTotal;
    private IgnoredValue firstIgnoredValue;
    private long ignoredValues;
    private long records;

    void fileRead(TraceFile file, long lines) {
        files.add(new FileRead(file.path(), file.part(), lines));
    }

    void skip(Path file, long line, String reason) {
        skippedTotal++;
        if (skipped.size() < MAX_SKIPPED_KEPT) {
            skipped.add(new SkippedLine(file, line, reason));
        }
    }

    /** A malformed optional value (a span attribute, the args) was left out; the rest of its record was used. */
    void ignoreValue(Path file, long line, String reason) {
        if (ignoredValues++ == 0) {
            firstIgnoredValue = new IgnoredValue(file, line, reason);
        }
    }

    /** An optional field was of the wrong type, or a span's status unclear; see {@link FieldSink#report}. */
    void badField(String record, String field, String problem, String outcome, Path file, long line) {
        badFields.add(record, field, problem, outcome, file, line);
    }

    /** One line per record type, field and problem: where it was first, what was done, in how many records. */
    public List<String> fieldWarnings() {
        return badFields.lines();
    }

    void note(String note) {
        notes.add(note);
    }

    void record() {
        records++;
    }

    public List<FileRead> files() {
        return List.copyOf(files);
    }

    /** The first {@value #MAX_SKIPPED_KEPT} skipped lines; {@link #skippedTotal()} counts them all. */
    public List<SkippedLine> skipped() {
        return List.copyOf(skipped);
    }

    public long skippedTotal() {
        return skippedTotal;
    }

    /** How many malformed optional values were left out of records that were otherwise used. */
    public long ignoredValues() {
        return ignoredValues;
    }

    /**
     * One line for the report's warnings, naming the first ignored value; {@code null} when there was none. The count
     * is enough beyond that: the same writer bug usually repeats on every record.
     */
    public String ignoredValuesWarning() {
        if (ignoredValues == 0) {
            return null;
        }
        IgnoredValue first = firstIgnoredValue;
        String what = ignoredValues == 1 ? "1 malformed value was" : ignoredValues + " malformed values were";
        return what + " ignored (the rest of each record was used); " + (ignoredValues == 1 ? "" : "first: ")
                + "line " + first.line() + " of " + first.file().getFileName() + ": " + first.reason();
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Records that parsed, of any type, including types this analyzer ignores. */
    public long records() {
        return records;
    }
}
