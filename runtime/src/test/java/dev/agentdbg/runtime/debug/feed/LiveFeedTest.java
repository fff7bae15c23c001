package dev.agentdbg.runtime.debug.feed;

import dev.agentdbg.bootstrap.MemoryBudget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live feed's backlog: what it keeps, what a late or slow reader is told, and its memory in the budget. */
class LiveFeedTest {
    private static void line(LiveFeed feed, String json) {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        feed.record(bytes, bytes.length);
    }

    private static List<String> texts(LiveFeed.Batch b) {
        return b.events().stream().map(LiveFeed.Event::text).toList();
    }

    @Test
    void runAndMethodRecordsAreAlwaysKeptTheRestUpToTheCapacity() throws Exception {
        LiveFeed feed = new LiveFeed(10 * (LiveFeed.OVERHEAD_BYTES + 40), null);
        line(feed, "{\"type\":\"run\",\"runId\":\"r\"}");
        line(feed, "{\"type\":\"method\",\"id\":1}");
        for (int i = 0; i < 100; i++) {
            line(feed, "{\"type\":\"span\",\"n\":" + i + "}");
            if (i == 50) {
                line(feed, "{\"type\":\"method\",\"id\":2}");
            }
        }
        LiveFeed.Batch all = feed.after(0, 0);
        List<String> texts = texts(all);
        assertEquals("{\"type\":\"run\",\"runId\":\"r\"}", texts.get(0), "no newline, kept first");
        assertEquals("{\"type\":\"method\",\"id\":1}", texts.get(1));
        assertTrue(texts.contains("{\"type\":\"method\",\"id\":2}"), "a method record outlives the spans around it");
        assertTrue(texts.get(texts.size() - 1).contains("\"n\":99"), "the newest span is there");
        assertFalse(texts.contains("{\"type\":\"span\",\"n\":0}"), "the oldest spans are gone");
        assertEquals(103, all.last());
        assertEquals(103 - texts.size(), all.missed(), "a fresh reader is told how many it cannot have");
        for (int i = 1; i < all.events().size(); i++) {
            assertTrue(all.events().get(i - 1).seq() < all.events().get(i).seq(), "in sequence order");
        }
        assertTrue(feed.evicted() > 0);

        LiveFeed.Batch caughtUp = feed.after(all.last() - 1, 0);
        assertEquals(1, caughtUp.events().size());
        assertEquals(0, caughtUp.missed());
        assertFalse(caughtUp.overtaken());

        LiveFeed.Batch behind = feed.after(5, 0);
        assertTrue(behind.overtaken(), "a reader at 5 lost events to the backlog");
        assertTrue(behind.missed() > 0);

        LiveFeed.Batch otherRun = feed.after(1_000_000, 0);
        assertEquals(texts, texts(otherRun), "an id beyond this run's events means another run: everything");
    }

    @Test
    void everyByteHeldIsReservedFromTheBudgetAndWhatItRefusesIsCounted() {
        MemoryBudget budget = new MemoryBudget(4096);
        LiveFeed feed = new LiveFeed(1 << 20, budget);
        for (int i = 0; i < 10; i++) {
            line(feed, "{\"type\":\"span\",\"n\":" + i + "}");
        }
        assertEquals(feed.heldBytes(), budget.reserved(), "the backlog's bytes are all in the budget");
        for (int i = 0; i < 200; i++) {
            line(feed, "{\"type\":\"span\",\"n\":" + i + "}");
        }
        assertTrue(budget.reserved() <= budget.max());
        assertEquals(feed.heldBytes(), budget.reserved());
        assertTrue(feed.evicted() > 0, "when the budget is full, older events make room");
        byte[] huge = ("{\"type\":\"span\",\"big\":\"" + "x".repeat(8000) + "\"}").getBytes(StandardCharsets.UTF_8);
        feed.record(huge, huge.length);
        assertEquals(1, feed.notKept(), "an event larger than the whole budget is counted, not kept");
        feed.clear();
        assertEquals(0, budget.reserved(), "stopping gives every byte back");
    }

    @Test
    void aReaderWaitsForTheNextEventAndHearsTheEnd() throws Exception {
        LiveFeed feed = new LiveFeed(1 << 20, null);
        AtomicReference<LiveFeed.Batch> got = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                got.set(feed.after(0, 60_000));
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        reader.start();
        feed.publish("warning", "{\"text\":\"x\"}");
        reader.join(60_000);
        assertEquals(List.of("{\"text\":\"x\"}"), texts(got.get()));
        assertEquals("warning", got.get().events().get(0).name());

        LiveFeed.Batch idle = feed.after(1, 1);
        assertTrue(idle.events().isEmpty(), "nothing new: an empty batch once the wait is over (a heartbeat)");
        feed.publish("ended", "{}");
        feed.end();
        LiveFeed.Batch end = feed.after(1, 60_000);
        assertTrue(end.ended());
        assertEquals("ended", end.events().get(0).name());
    }
}
