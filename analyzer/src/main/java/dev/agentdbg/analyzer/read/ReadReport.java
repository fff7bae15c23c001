package dev.agentdbg.analyzer.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What reading a run went through: the files and their line counts, the lines skipped and why, and notes. */
public final class ReadReport {

    /** One file as read. */
    public record FileRead(Path path, int part, long lines) {
    }

    /** Skipped lines kept for display; a file full of garbage must not fill the heap with reasons. */
    static final int MAX_SKIPPED_KEPT = 100;

    private final List<FileRead> files = new ArrayList<>();
    private final List<SkippedLine> skipped = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long skippedTotal;
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

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Records that parsed, of any type, including types this analyzer ignores. */
    public long records() {
        return records;
    }
}
