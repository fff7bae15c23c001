package dev.agentdbg.capture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.TreeSet;
import java.util.Vector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What capture may touch: it never enters an application object's monitor (Vector, Hashtable,
 * StringBuffer, synchronized wrappers are read by fields) and never runs application code through
 * a JDK object (wrappers, views, a TreeSet's comparator, a URL's handler).
 */
class CaptureTouchTest {
    private static final CaptureSettings S = CaptureSettings.defaults();
    private static final AtomicInteger APP_CALLS = new AtomicInteger();

    /** An application list whose every method counts. */
    static final class CountingList extends AbstractList<String> {
        final String[] items;

        CountingList(String... items) {
            this.items = items;
        }

        @Override
        public String get(int index) {
            APP_CALLS.incrementAndGet();
            return items[index];
        }

        @Override
        public int size() {
            APP_CALLS.incrementAndGet();
            return items.length;
        }

        @Override
        public int hashCode() {
            APP_CALLS.incrementAndGet();
            return 1;
        }
    }

    static final class CountingHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            APP_CALLS.incrementAndGet();
            throw new IOException("none");
        }

        @Override
        protected int hashCode(URL u) {
            APP_CALLS.incrementAndGet();
            return 1;
        }

        @Override
        protected String toExternalForm(URL u) {
            APP_CALLS.incrementAndGet();
            return "counted";
        }
    }

    private static JsonNode capture(Object value) {
        return CaptureJson.roundTrip(value, S);
    }

    @Test
    void objectsWhoseMonitorAnotherThreadHoldsAreReadWithoutWaiting() throws Exception {
        Vector<String> vector = new Vector<>(List.of("v1", "v2"));
        Stack<String> stack = new Stack<>();
        stack.push("s1");
        Hashtable<String, Integer> table = new Hashtable<>(Map.of("h", 1));
        StringBuffer latin = new StringBuffer("latin");
        StringBuffer wide = new StringBuffer("wide \u00e9\u4e16 \ud83d\ude00");
        List<String> syncList = Collections.synchronizedList(new ArrayList<>(List.of("a")));
        Map<String, String> syncMap = Collections.synchronizedMap(new HashMap<>(Map.of("k", "v")));
        Object[] all = {vector, stack, table, latin, wide, syncList, syncMap};
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> hold(all, 0, holding, release));
        holder.setDaemon(true);
        holder.start();
        holding.await();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertEquals("[\"v1\",\"v2\"]", capture(vector).toString());
                assertEquals("[\"s1\"]", capture(stack).toString());
                assertEquals("{\"h\":1}", capture(table).toString());
                assertEquals("latin", capture(latin).asText());
                assertEquals("wide \u00e9\u4e16 \ud83d\ude00", capture(wide).asText());
                assertEquals("[\"a\"]", capture(syncList).toString());
                assertEquals("{\"k\":\"v\"}", capture(syncMap).toString());
            }, "capture waited for a monitor another thread holds");
        } finally {
            release.countDown();
        }
    }

    private static void hold(Object[] monitors, int i, CountDownLatch holding, CountDownLatch release) {
        if (i == monitors.length) {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        synchronized (monitors[i]) {
            hold(monitors, i + 1, holding, release);
        }
    }

    @Test
    void lockedClassesAreCutAndCountedLikeOtherCollections() {
        Vector<Integer> vector = new Vector<>();
        Hashtable<Integer, Integer> table = new Hashtable<>();
        for (int i = 0; i < 500; i++) {
            vector.add(i);
            table.put(i, i);
        }
        JsonNode v = capture(vector);
        assertEquals(S.maxElements + 1, v.size(), v.toString());
        assertEquals("\u2026(+" + (500 - S.maxElements) + " more)", v.get(S.maxElements).asText());
        JsonNode t = capture(table);
        assertEquals(S.maxElements + 1, t.size());
        StringBuffer longText = new StringBuffer("\u4e16".repeat(S.maxStringLength + 10));
        String text = capture(longText).asText();
        assertTrue(text.startsWith("\u4e16\u4e16"), text.substring(0, 10));
        assertTrue(text.endsWith("(truncated, " + Texts.sizeLabel(S.maxStringLength + 10) + ")"), text);
    }

    @Test
    void jdkWrappersAroundAnApplicationCollectionAreReadByFields() {
        CountingList list = new CountingList("a", "b");
        List<?> subList = list.subList(0, 1);
        Object[] wrapped = {Collections.unmodifiableList(list), Collections.unmodifiableCollection(list),
                Collections.synchronizedList(list), Collections.checkedList(list, String.class),
                Collections.unmodifiableMap(Map.of("k", list))};
        APP_CALLS.set(0);
        for (Object w : wrapped) {
            String json = capture(w).toString();
            assertTrue(json.contains("\"@type\":\"" + CountingList.class.getName() + "\",\"items\":[\"a\",\"b\"]"), json);
        }
        String sub = capture(subList).toString();
        assertTrue(sub.contains("\"items\":[\"a\",\"b\"]"), sub);
        assertEquals(0, APP_CALLS.get(), "capture called the application's collection");
    }

    /** An application's list built on ArrayList, every method overridden to count. */
    static final class Conversation extends ArrayList<String> {
        final String id = "c-1";

        @Override
        public int size() {
            APP_CALLS.incrementAndGet();
            return super.size();
        }

        @Override
        public java.util.Iterator<String> iterator() {
            APP_CALLS.incrementAndGet();
            return super.iterator();
        }

        @Override
        public String get(int index) {
            APP_CALLS.incrementAndGet();
            return super.get(index);
        }
    }

    /** An application's map built on HashMap, every method used by iteration overridden to count. */
    static final class Headers extends HashMap<String, String> {
        @Override
        public int size() {
            APP_CALLS.incrementAndGet();
            return super.size();
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
            APP_CALLS.incrementAndGet();
            return super.entrySet();
        }
    }

    @Test
    void applicationSubclassesOfArrayListAndHashMapAreReadByTheJdkFieldsAsTheListAndMapTheyAre() {
        Conversation conversation = new Conversation();
        conversation.addAll(List.of("hello", "world"));
        Headers headers = new Headers();
        headers.put("accept", "json");
        APP_CALLS.set(0);
        assertEquals("[\"hello\",\"world\"]", capture(conversation).toString());
        assertEquals("{\"accept\":\"json\"}", capture(headers).toString());
        assertEquals(0, APP_CALLS.get(), "capture called the application's overridden methods");
    }

    @Test
    void aTreeSetOverASubMapIsReadByFieldsSoItsComparatorIsNeverCalled() {
        AtomicInteger compares = new AtomicInteger();
        Comparator<String> counting = (a, b) -> {
            compares.incrementAndGet();
            return a.compareTo(b);
        };
        TreeSet<String> set = new TreeSet<>(counting);
        set.addAll(List.of("a", "b", "c", "d"));
        Object sub = set.subSet("b", "d");
        compares.set(0);
        assertEquals("[\"a\",\"b\",\"c\",\"d\"]", capture(set).toString(), "a plain TreeSet is a list");
        String json = capture(sub).toString();
        assertEquals(0, compares.get(), "capture called the comparator: " + json);
        assertTrue(json.contains("\"@type\":\"java.util.TreeSet\""), json);
    }

    @Test
    @SuppressWarnings("deprecation")
    void aUrlIsWrittenFromItsFieldsNeverThroughItsHandler() throws Exception {
        URL url = new URL(null, "acme://user@example.org:8443/docs/page?q=1#top", new CountingHandler());
        APP_CALLS.set(0);
        assertEquals("acme://user@example.org:8443/docs/page?q=1#top", capture(url).asText());
        assertEquals("https://example.org/a", capture(new URL("https://example.org/a")).asText());
        assertEquals(0, APP_CALLS.get(), "capture called the URL's handler");
    }

    @Test
    void aDateIsItsInstantNotItsLocalisedText() {
        assertEquals("1970-01-02T00:00:00Z", capture(new java.util.Date(86_400_000L)).asText());
        assertEquals("1970-01-01T00:00:01.500Z", capture(new java.sql.Timestamp(1500)).asText());
    }
}
