package dev.agentdbg.analyzer.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the trace files behind a path and groups them into runs.
 *
 * <p>A file's run id and part come from its first line (the {@code run} record), so renamed files still
 * group correctly; the file name ({@code <runId>.jsonl}, {@code <runId>.<n>.jsonl}) is the fallback when
 * that line is unusable.
 */
public final class TraceLocator {

    private static final Pattern FILE_NAME = Pattern.compile("(.+?)(?:\\.(\\d+))?\\.jsonl");
    private static final Pattern RUN_ID_TIME = Pattern.compile("(\\d{8}-\\d{6})-.*");
    private static final DateTimeFormatter RUN_ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String DEFAULT_DIR = "agentdbg-traces";

    /** Lists the runs at {@code path}: a single trace file, or every {@code *.jsonl} file of a directory. */
    public RunCatalog locate(Path path) throws BadInputException {
        if (!Files.exists(path)) {
            throw new BadInputException("no such file or directory: " + path);
        }
        if (Files.isDirectory(path)) {
            return locateDirectory(path);
        }
        if (!Files.isReadable(path)) {
            throw new BadInputException("cannot read " + path + ": permission denied");
        }
        TraceFile file = identify(path);
        List<String> notes = new ArrayList<>();
        siblingParts(file).ifPresent(notes::add);
        RunFiles run = new RunFiles(file.runId(), startKey(List.of(file)), List.of(file));
        return new RunCatalog(path, false, List.of(run), notes);
    }

    /**
     * Lists the runs of several paths, files and directories, as if they were one directory: a file reached twice
     * (named and inside a directory given too, or by a link) is read once.
     */
    public RunCatalog locate(List<Path> paths) throws BadInputException {
        if (paths.size() == 1) {
            return locate(paths.get(0));
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new BadInputException("no such file or directory: " + path);
            }
            files.addAll(Files.isDirectory(path) ? traceFiles(path) : List.of(path));
        }
        if (files.isEmpty()) {
            throw new BadInputException("no trace files (*.jsonl) in " + paths.get(0) + " and the other paths given");
        }
        return grouped(paths.get(0), files);
    }

    private RunCatalog locateDirectory(Path dir) throws BadInputException {
        List<Path> paths = traceFiles(dir);
        if (paths.isEmpty()) {
            String hint = Files.isDirectory(dir.resolve(DEFAULT_DIR))
                    ? " (did you mean " + dir.resolve(DEFAULT_DIR) + "?)" : "";
            throw new BadInputException("no trace files (*.jsonl) in " + dir + hint);
        }
        return grouped(dir, paths);
    }

    /** Groups {@code paths} into runs, each file read once however many names reach it. */
    private RunCatalog grouped(Path input, List<Path> paths) throws BadInputException {
        List<String> notes = new ArrayList<>();
        Map<String, List<TraceFile>> byRun = new LinkedHashMap<>();
        Map<Path, Path> byRealPath = new HashMap<>();
        for (Path p : paths) {
            // A link or a second name for one file must not count its spans twice.
            Path first = byRealPath.putIfAbsent(realPath(p), p);
            if (first != null) {
                boolean sameName = p.getFileName().equals(first.getFileName());
                notes.add(p.normalize().equals(first.normalize()) ? p + " is given twice; read once"
                        : (sameName ? p : p.getFileName()) + " is the same file as "
                        + (sameName ? first : first.getFileName()) + "; read once");
                continue;
            }
            TraceFile file = identify(p);
            byRun.computeIfAbsent(file.runId(), k -> new ArrayList<>()).add(file);
        }
        List<RunFiles> runs = new ArrayList<>();
        for (Map.Entry<String, List<TraceFile>> e : byRun.entrySet()) {
            List<TraceFile> parts = new ArrayList<>(e.getValue());
            parts.sort(Comparator.comparingInt(TraceFile::part).thenComparing(f -> f.path().getFileName()));
            partProblems(e.getKey(), parts).ifPresent(notes::add);
            runs.add(new RunFiles(e.getKey(), startKey(parts), parts));
        }
        runs.sort(Comparator.comparingLong(RunFiles::startKey).thenComparing(RunFiles::runId));
        return new RunCatalog(input, true, runs, notes);
    }

    private static List<Path> traceFiles(Path dir) throws BadInputException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + cause(e));
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private static TraceFile identify(Path path) throws BadInputException {
        JsonNode first;
        try (InputStream in = Files.newInputStream(path)) {
            first = TraceReader.firstRecord(in);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + path + ": " + cause(e));
        }
        if (first != null && "run".equals(first.path("type").asText()) && first.path("runId").isTextual()) {
            return new TraceFile(path, first.get("runId").asText(), first.path("part").asInt(0),
                    first.path("startNanos").asLong(0), first.path("mode").asText("trace"));
        }
        String name = path.getFileName().toString();
        Matcher m = FILE_NAME.matcher(name);
        if (m.matches()) {
            return new TraceFile(path, m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), 0, null);
        }
        return new TraceFile(path, name, 0, 0, null);
    }

    /** Why a file could not be read, in words: the JDK's messages for these exceptions are only the path. */
    static String cause(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file (deleted while reading?)";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Orders runs by their real start; the run id's time stamp stands in when no run record was readable. */
    private static long startKey(List<TraceFile> parts) {
        for (TraceFile f : parts) {
            if (f.startNanos() != 0) {
                return f.startNanos();
            }
        }
        Matcher m = RUN_ID_TIME.matcher(parts.get(0).runId());
        if (m.matches()) {
            try {
                return LocalDateTime.parse(m.group(1), RUN_ID_FORMAT).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
            } catch (DateTimeParseException e) {
                return 0;
            }
        }
        return 0;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * Gaps and duplicates in the part numbers: spans are missing, or would be counted twice. Of two files with the
     * same run id and part (a copy), one is removed from {@code parts}, so the part is read once.
     */
    private static Optional<String> partProblems(String runId, List<TraceFile> parts) {
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int expected = 0;
        for (int i = 0; i < parts.size(); i++) {
            TraceFile f = parts.get(i);
            for (; expected < f.part(); expected++) {
                missing.add(String.valueOf(expected));
            }
            expected = Math.max(expected, f.part() + 1);
            if (i > 0 && parts.get(i - 1).part() == f.part()) {
                TraceFile kept = original(parts.get(i - 1), f);
                problems.add("part " + f.part() + " is in both " + parts.get(i - 1).path().getFileName() + " and "
                        + f.path().getFileName() + " (a copy?); read once, from " + kept.path().getFileName());
                parts.remove(kept == f ? i - 1 : i);
                i--;
            }
        }
        if (!missing.isEmpty()) {
            problems.add(0, "missing part(s) " + String.join(", ", missing) + "; their spans are not in this summary");
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("run " + runId + ": " + String.join("; ", problems));
    }

    /** Of two files of one part, the one with the agent's name for it, else the longer (a copy may be cut short). */
    private static TraceFile original(TraceFile a, TraceFile b) {
        for (TraceFile f : List.of(a, b)) {
            String name = f.runId() + (f.part() == 0 ? "" : "." + f.part()) + ".jsonl";
            if (f.path().getFileName().toString().equals(name)) {
                return f;
            }
        }
        try {
            return Files.size(b.path()) > Files.size(a.path()) ? b : a;
        } catch (IOException e) {
            return a;
        }
    }

    /** When the user names one part of a rotated run, say that the other parts exist rather than guess. */
    private static Optional<String> siblingParts(TraceFile file) {
        Path dir = file.path().toAbsolutePath().getParent();
        if (dir == null) {
            return Optional.empty();
        }
        String self = file.path().getFileName().toString();
        List<String> siblings = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                Matcher m = FILE_NAME.matcher(name);
                if (!name.equals(self) && m.matches() && m.group(1).equals(file.runId())) {
                    siblings.add(name);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (siblings.isEmpty()) {
            return Optional.empty();
        }
        siblings.sort(Comparator.naturalOrder());
        return Optional.of("run " + file.runId() + " has other part(s) next to this file ("
                + String.join(", ", siblings)
                + "); pass the directory to read the whole run");
    }
}
