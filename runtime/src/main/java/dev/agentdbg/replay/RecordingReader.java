package dev.agentdbg.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentdbg.runtime.IoErrors;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the recording to replay from {@code agentdbg.replay.from}: a trace file (with the other parts
 * of its run), a directory (its newest recorded run) or a run id (looked up in the output directory).
 * A corrupt or truncated line is skipped and named; the calls of every other line are still served.
 */
public final class RecordingReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> problems = new ArrayList<>();
    private final List<RecordedExchange> exchanges = new ArrayList<>();
    private final List<ObjectNode> values = new ArrayList<>();
    private final Map<String, List<long[]>> deterministic = new LinkedHashMap<>();
    private final Map<String, String> deterministicWhat = new LinkedHashMap<>();
    private String runId;
    private String mode;

    private RecordingReader() {
    }

    /** Never throws: what cannot be read is listed in {@link ReplayStore#problems()}. */
    public static ReplayStore load(String from, Path outputDir) {
        RecordingReader reader = new RecordingReader();
        List<Path> files = reader.locate(from == null ? "" : from.trim(), outputDir);
        for (Path f : files) {
            reader.read(f);
        }
        if (!files.isEmpty() && reader.runId != null && !ReplaySettings.RECORD.equals(reader.mode)) {
            reader.problems.add("run " + reader.runId + " was traced, not recorded (agentdbg.mode=" + reader.mode
                    + "): it holds no answers to replay; record it again with agentdbg.mode=record");
        }
        reader.exchanges.sort(Comparator.comparingInt(RecordedExchange::call));
        Map<String, long[]> det = new LinkedHashMap<>();
        reader.deterministic.forEach((site, batches) -> det.put(site, concat(batches)));
        return new ReplayStore(reader.runId, reader.exchanges, reader.values, det, reader.deterministicWhat,
                reader.problems,
                files.isEmpty() ? from : String.join(", ", files.stream().map(Path::toString).toList()));
    }

    private List<Path> locate(String from, Path outputDir) {
        if (from.isEmpty()) {
            problems.add("agentdbg.replay.from is not set: name the recording to replay (a trace file, "
                    + "a directory of traces or a run id)");
            return List.of();
        }
        Path given = Path.of(from);
        try {
            if (Files.isRegularFile(given)) {
                return partsOf(given.toAbsolutePath().getParent(), runIdOfFile(given));
            }
            if (Files.isDirectory(given)) {
                String newest = newestRecordedRun(given);
                if (newest == null) {
                    problems.add("agentdbg.replay.from=" + from + " is a directory without trace files (*.jsonl)");
                    return List.of();
                }
                return partsOf(given, newest);
            }
            for (Path dir : new Path[] {outputDir, Path.of(".")}) {
                if (dir != null && Files.isRegularFile(dir.resolve(from + ".jsonl"))) {
                    return partsOf(dir, from);
                }
            }
            problems.add("agentdbg.replay.from=" + from + " is neither a trace file, a directory nor the id of a run in "
                    + (outputDir != null ? outputDir.toAbsolutePath() : Path.of(".").toAbsolutePath()));
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read the recording " + from + ": " + IoErrors.reason(e));
        }
        return List.of();
    }

    /** The run id a trace file belongs to, from its name ({@code <runId>.jsonl}, {@code <runId>.<part>.jsonl}). */
    static String runIdOfFile(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        int dot = base.lastIndexOf('.');
        if (dot > 0 && base.substring(dot + 1).chars().allMatch(Character::isDigit)) {
            base = base.substring(0, dot);
        }
        return base;
    }

    private static List<Path> partsOf(Path dir, String runId) throws IOException {
        TreeMap<Integer, Path> parts = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && runIdOfFile(f).equals(runId))
                    .forEach(f -> parts.put(partNumber(f, runId), f));
        }
        return new ArrayList<>(parts.values());
    }

    private static int partNumber(Path f, String runId) {
        String name = f.getFileName().toString();
        String rest = name.substring(runId.length(), name.length() - ".jsonl".length());
        return rest.isEmpty() ? 0 : Integer.parseInt(rest.substring(1));
    }

    /** The newest run in {@code dir} that was recorded; else the newest run at all (reported as not recorded). */
    private static String newestRecordedRun(Path dir) throws IOException {
        List<Path> heads;
        try (Stream<Path> files = Files.list(dir)) {
            heads = files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .filter(f -> runIdOfFile(f).equals(f.getFileName().toString().replace(".jsonl", "")))
                    .sorted(Comparator.comparing(RecordingReader::modified).reversed()).toList();
        }
        for (Path head : heads) {
            if (isRecorded(head)) {
                return runIdOfFile(head);
            }
        }
        return heads.isEmpty() ? null : runIdOfFile(heads.get(0));
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isRecorded(Path head) {
        try (BufferedReader in = Files.newBufferedReader(head, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            return first != null && first.contains("\"mode\":\"record\"");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void read(Path file) {
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    problems.add(file.getFileName() + " line " + lineNo + " is not a complete JSON record"
                            + (in.ready() ? " (corrupt)" : " (the file ends inside it: truncated)")
                            + ": skipped; a call recorded on it cannot be served");
                    continue;
                }
                if (record instanceof ObjectNode object) {
                    accept(object, file, lineNo);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read " + file + " after line " + lineNo + ": " + IoErrors.reason(e)
                    + "; the calls recorded after it cannot be served");
        }
    }

    private void accept(ObjectNode record, Path file, int lineNo) {
        switch (record.path("type").asText()) {
            case "run" -> {
                if (runId == null) {
                    runId = record.path("runId").asText(null);
                    mode = record.path("mode").asText(ReplaySettings.TRACE);
                }
            }
            case "exchange" -> exchanges.add(exchange(record));
            case "value" -> values.add(record);
            case "det" -> {
                JsonNode vs = record.path("values");
                long[] batch = new long[vs.size()];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = vs.get(i).asLong();
                }
                String site = record.path("site").asText();
                deterministic.computeIfAbsent(site, k -> new ArrayList<>()).add(batch);
                deterministicWhat.putIfAbsent(site, record.path("what").asText());
            }
            default -> {
                // spans, methods, stats: not needed to serve calls
            }
        }
    }

    static RecordedExchange exchange(ObjectNode r) {
        JsonNode request = r.path("request");
        JsonNode response = r.path("response");
        byte[] requestBody = body(request, "body", "bodyBase64");
        List<byte[]> chunks = new ArrayList<>();
        JsonNode cs = response.path("chunks");
        long[] at = new long[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            chunks.add(body(cs.get(i), "text", "base64"));
            at[i] = cs.get(i).path("at").asLong();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(e -> {
            List<String> vs = new ArrayList<>();
            e.getValue().forEach(v -> vs.add(v.asText()));
            headers.put(e.getKey(), vs);
        });
        int status = response.path("status").asInt(-1);
        String unservable = null;
        if (r.hasNonNull("cut")) {
            unservable = "cut: " + r.path("cut").asText();
        } else if (r.hasNonNull("error")) {
            unservable = "the call failed when recorded: " + r.path("error").path("type").asText() + ": "
                    + r.path("error").path("message").asText();
        } else if (status < 0 || !r.path("complete").asBoolean(false)) {
            unservable = "no complete response was recorded";
        }
        return new RecordedExchange(r.path("call").asInt(), r.path("endpoint").asText(), r.path("client").asText(),
                requestBody, status, headers, response.path("headersAt").asLong(), chunks, at, unservable);
    }

    private static byte[] body(JsonNode node, String textField, String base64Field) {
        if (node.hasNonNull(textField)) {
            return node.get(textField).asText().getBytes(StandardCharsets.UTF_8);
        }
        if (node.hasNonNull(base64Field)) {
            return Base64.getDecoder().decode(node.get(base64Field).asText());
        }
        return null;
    }

    private static long[] concat(List<long[]> batches) {
        int n = batches.stream().mapToInt(b -> b.length).sum();
        long[] all = new long[n];
        int i = 0;
        for (long[] b : batches) {
            System.arraycopy(b, 0, all, i, b.length);
            i += b.length;
        }
        return all;
    }
}
