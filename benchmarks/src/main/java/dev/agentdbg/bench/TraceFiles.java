package dev.agentdbg.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads agentdbg's own accounting from trace files: the final {@code stats} record is the last line of the
 * last file of a run (docs/trace-format.md). Only the tail of a file is read, so multi-gigabyte traces are fine.
 */
final class TraceFiles {
    private TraceFiles() {
    }

    /** The numbers of one run's final {@code stats} record. */
    record FinalStats(Path file, long spans, long dropped, long internalErrors, long methodsInstrumented,
                      long classesTransformed, long bytes, long files, String unmatchedRules) {
    }

    /** The final stats of the run in {@code dir} whose file was written last, if it has one. */
    static Optional<FinalStats> newestFinal(Path dir) {
        List<Path> files = jsonl(dir);
        files.sort(Comparator.comparing(TraceFiles::modified).reversed());
        for (Path f : files) {
            Optional<FinalStats> s = finalStats(f);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** Final stats of every run in {@code dir} (one per run that exited normally). */
    static List<FinalStats> allFinal(Path dir) {
        List<FinalStats> out = new ArrayList<>();
        for (Path f : jsonl(dir)) {
            finalStats(f).ifPresent(out::add);
        }
        return out;
    }

    /** How many runs in {@code dir} started (files with part 0). */
    static int runCount(Path dir) {
        return (int) jsonl(dir).stream()
                .filter(p -> p.getFileName().toString().matches("[^.]+\\.jsonl")).count();
    }

    static Optional<FinalStats> finalStats(Path file) {
        String line = lastLine(file);
        if (line == null || !line.contains("\"type\":\"stats\"") || !line.contains("\"final\":true")) {
            return Optional.empty();
        }
        return Optional.of(new FinalStats(file, number(line, "spans"), number(line, "dropped"),
                number(line, "internalErrors"), number(line, "methodsInstrumented"),
                number(line, "classesTransformed"), number(line, "bytes"), number(line, "files"),
                array(line, "unmatchedRules")));
    }

    /** The cumulative counts at the end of one file of a run (a rotation, or the final record). */
    record PartStats(int part, double atSeconds, long spans, long dropped, boolean fin) {
    }

    /**
     * For the run whose final stats are in {@code finalFile}: the stats record closing each of its files, in
     * part order, with the time since the run started. Shows when spans were dropped.
     */
    static List<PartStats> partStats(Path finalFile) {
        String name = finalFile.getFileName().toString();
        String runId = name.substring(0, name.indexOf('.'));
        Path dir = finalFile.getParent();
        Path first = dir.resolve(runId + ".jsonl");
        long startNanos = Files.isRegularFile(first) ? number(firstLine(first), "startNanos") : -1;
        List<PartStats> out = new ArrayList<>();
        for (Path p : jsonl(dir)) {
            String n = p.getFileName().toString();
            if (!n.startsWith(runId + ".") || !n.substring(runId.length() + 1).matches("(\\d+\\.)?jsonl")) {
                continue;
            }
            String base = n.substring(0, n.length() - ".jsonl".length());
            int part = base.equals(runId) ? 0 : Integer.parseInt(base.substring(runId.length() + 1));
            String line = lastLine(p);
            if (line == null || !line.contains("\"type\":\"stats\"")) {
                continue;
            }
            long end = number(line, "endNanos");
            out.add(new PartStats(part, startNanos > 0 && end > 0 ? (end - startNanos) / 1e9 : Double.NaN,
                    number(line, "spans"), number(line, "dropped"), line.contains("\"final\":true")));
        }
        out.sort(Comparator.comparingInt(PartStats::part));
        return out;
    }

    static String firstLine(Path file) {
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String lastLine(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len == 0) {
                return null;
            }
            int tail = (int) Math.min(len, 256 * 1024);
            byte[] buf = new byte[tail];
            raf.seek(len - tail);
            raf.readFully(buf);
            int end = tail;
            while (end > 0 && (buf[end - 1] == '\n' || buf[end - 1] == '\r')) {
                end--;
            }
            int start = end;
            while (start > 0 && buf[start - 1] != '\n') {
                start--;
            }
            return new String(buf, start, end - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static long number(String json, String field) {
        // No space after the colon in trace lines; one in the runner's own pretty-printed JSON.
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\": ?(-?\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String array(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":\\[([^\\]]*)]").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    static List<Path> jsonl(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static long sizeOf(Path dir) {
        long total = 0;
        for (Path p : jsonl(dir)) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                // vanished: ignore
            }
        }
        return total;
    }

    /** Deletes the trace files in {@code dir} (not the directory, not other files). */
    static void clear(Path dir) {
        for (Path p : jsonl(dir)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p, e);
            }
        }
    }

    /** Moves the trace files of {@code dir} into {@code target} (replacing files of the same name). */
    static Path moveAll(Path dir, Path target) {
        try {
            Files.createDirectories(target);
            for (Path p : jsonl(dir)) {
                Files.move(p, target.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move traces to " + target, e);
        }
        return target;
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
