package dev.agentdbg.analyzer.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentdbg.analyzer.model.Span;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line, driven by a fake clock through real reads of a real trace. */
class ReadProgressTest {

    private static final long MS = 1_000_000;
    private static final Pattern LINE = Pattern.compile(
            "reading big\\.jsonl  (\\d+\\.\\d) MB of 1\\.8 MB \\((\\d+)%\\)  ([\\d,]+) records  (\\d+\\.\\d) s *");

    /** The demo run with its calls repeated: about 1.8 MB, some 30 buffers of the reader. */
    private static Path bigTrace(Path dir) throws Exception {
        List<String> demo = Files.readAllLines(demo());
        List<String> lines = new ArrayList<>(demo.subList(0, 1));
        for (int i = 0; i < 32; i++) {
            lines.addAll(demo.subList(1, demo.size()));
        }
        return Files.write(dir.resolve("big.jsonl"), lines);
    }

    private static Path demo() throws URISyntaxException {
        return Path.of(ReadProgressTest.class.getResource("/demo/20261202-010143-26161-e351.jsonl").toURI());
    }

    /** A clock that moves {@code step} ms each time it is read. */
    private static LongSupplier ticking(long step) {
        long[] now = {0};
        return () -> now[0] += step * MS;
    }

    private static long read(Path trace, ReadProgress progress) throws BadInputException {
        long[] spans = {0};
        ReadReport report = new TraceReader(progress).read(new RunFiles("r", 0,
                List.of(new TraceFile(trace, "r", 0, 0, "trace"))), new TraceListener() {
                    @Override
                    public void span(Span span) {
                        spans[0]++;
                    }
                });
        assertEquals(0, report.skipped().size());
        return spans[0];
    }

    @Test
    void aLongReadShowsALineThatGrowsAndIsErasedAtTheEnd(@TempDir Path dir) throws Exception {
        Path trace = bigTrace(dir);
        StringWriter err = new StringWriter();
        read(trace, new ReadProgress(new PrintWriter(err), ticking(100), 80));
        String written = err.toString();
        assertTrue(written.startsWith("\rreading big.jsonl  "), written);
        String[] draws = written.substring(1).split("\r", -1);
        // The last two pieces are the erasing spaces and the empty rest after the final carriage return.
        assertEquals("", draws[draws.length - 1]);
        String erase = draws[draws.length - 2];
        assertTrue(erase.isBlank(), erase);
        List<String> lines = Arrays.asList(draws).subList(0, draws.length - 2);
        assertTrue(lines.size() >= 3, written);
        double lastMb = -1;
        long lastRecords = -1;
        int widest = 0;
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            double mb = Double.parseDouble(m.group(1));
            long records = Long.parseLong(m.group(3).replace(",", ""));
            assertTrue(mb >= lastMb && records >= lastRecords, written);
            assertTrue(Double.parseDouble(m.group(4)) >= 1.0, "not before a second: " + line);
            assertTrue(line.length() < 80, line);
            lastMb = mb;
            lastRecords = records;
            widest = Math.max(widest, line.length());
        }
        assertTrue(lastRecords > 0, written);
        assertEquals(widest, erase.length(), "the erase covers the widest line drawn");
    }

    @Test
    void aFastReadShowsNothing(@TempDir Path dir) throws Exception {
        Path trace = bigTrace(dir);
        StringWriter err = new StringWriter();
        long[] now = {0};
        long spans = read(trace, new ReadProgress(new PrintWriter(err), () -> now[0] += MS, 80));
        assertEquals("", err.toString(), "about 30 buffers at 1 ms each: under a second");
        assertEquals(spans, read(trace, ReadProgress.NONE), "the progress does not change what is read");
    }

    @Test
    void redrawsAFewTimesASecondNotOnEveryBuffer(@TempDir Path dir) throws Exception {
        Path trace = bigTrace(dir);
        StringWriter err = new StringWriter();
        read(trace, new ReadProgress(new PrintWriter(err), ticking(50), 80));
        long draws = err.toString().chars().filter(c -> c == '\r').count() - 2;
        // About 30 buffers at 50 ms each: 1.5 s, the first second silent, then one draw per 250 ms.
        assertTrue(draws >= 1 && draws <= 3, err.toString());
    }

    @Test
    void aLongFileNameIsShortenedToFitTheTerminal(@TempDir Path dir) throws Exception {
        Path trace = Files.copy(demo(), dir.resolve("x".repeat(60) + "-20261202-010143-26161-e351.jsonl"));
        ReadProgress progress = new ReadProgress(new PrintWriter(new StringWriter()), ticking(0), 60);
        ReadReport report = new ReadReport();
        progress.begin(new RunFiles("r", 0, List.of(new TraceFile(trace, "r", 0, 0, "trace"))), report);
        progress.track(Files.newInputStream(trace), new TraceFile(trace, "r", 0, 0, "trace")).close();
        String line = progress.line(2_100 * MS);
        assertEquals(59, line.length(), line);
        assertTrue(line.startsWith("reading xxxx"), line);
        assertTrue(line.contains("…"), line);
        assertTrue(line.endsWith("0 records  2.1 s"), line);
        assertFalse(line.contains("\r"), line);
    }
}
