package dev.agentdbg.analyzer.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the optional fields that were left out of records otherwise used, one entry per record type, field and
 * problem: a writer bug repeats on every record, and one line with the first place and a count says all of it.
 */
final class FieldWarnings {

    /** Distinct problems kept; a file of garbage with random field names must not fill the heap. */
    private static final int MAX_KINDS = 50;

    private static final class Entry {
        final String record;
        final String field;
        final String problem;
        final String outcome;
        final Path file;
        final long line;
        long count;

        Entry(String record, String field, String problem, String outcome, Path file, long line) {
            this.record = record;
            this.field = field;
            this.problem = problem;
            this.outcome = outcome;
            this.file = file;
            this.line = line;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    void add(String record, String field, String problem, String outcome, Path file, long line) {
        String key = record + '\u0000' + field + '\u0000' + problem;
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= MAX_KINDS) {
                return;
            }
            e = new Entry(record, field, problem, outcome, file, line);
            entries.put(key, e);
        }
        e.count++;
    }

    /** {@code method records: field `line` is not a number (first at run.jsonl:12); ignored in 3 records}. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            out.add(e.record + " records: field `" + e.field + "` " + e.problem + " (first at " + e.file.getFileName()
                    + ":" + e.line + "); " + e.outcome + " in " + e.count + (e.count == 1 ? " record" : " records"));
        }
        return out;
    }
}
