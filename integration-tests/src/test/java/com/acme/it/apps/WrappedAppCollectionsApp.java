package com.acme.it.apps;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a traced tool the application's own collections inside JDK wrappers
 * ({@code Collections.unmodifiable*}, {@code synchronized*}, {@code checked*}, a {@code subList}, the
 * {@code keySet()} view of an AbstractMap) and a URL with the application's own URLStreamHandler.
 * Every method of those application classes counts its calls and sleeps, but only while a tool
 * call is running (building the wrappers calls some of them, which is fine). Prints the count:
 * capture must have made none.
 */
public final class WrappedAppCollectionsApp {
    /** Calls of application code made while a tool call ran. */
    static final AtomicInteger CALLS_DURING_CAPTURE = new AtomicInteger();
    static volatile boolean inCall;

    static void touched() {
        if (inCall) {
            CALLS_DURING_CAPTURE.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The application's own list: its elements live in a field. */
    public static final class CountingList extends AbstractList<String> {
        private final String[] items;

        CountingList(String... items) {
            this.items = items;
        }

        @Override
        public String get(int index) {
            touched();
            return items[index];
        }

        @Override
        public int size() {
            touched();
            return items.length;
        }

        @Override
        public Iterator<String> iterator() {
            touched();
            return super.iterator();
        }

        @Override
        public boolean isEmpty() {
            touched();
            return items.length == 0;
        }

        @Override
        public int hashCode() {
            touched();
            return 1;
        }

        @Override
        public boolean equals(Object o) {
            touched();
            return o == this;
        }

        @Override
        public String toString() {
            touched();
            return "CountingList";
        }
    }

    /** The application's own map: one entry, held in fields. */
    public static final class CountingMap extends AbstractMap<String, String> {
        private final String key;
        private final String value;

        CountingMap(String key, String value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            touched();
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    touched();
                    return List.<Entry<String, String>>of(new SimpleImmutableEntry<>(key, value)).iterator();
                }

                @Override
                public int size() {
                    touched();
                    return 1;
                }
            };
        }

        @Override
        public int size() {
            touched();
            return 1;
        }

        @Override
        public boolean isEmpty() {
            touched();
            return false;
        }

        @Override
        public String get(Object k) {
            touched();
            return key.equals(k) ? value : null;
        }

        @Override
        public int hashCode() {
            touched();
            return 2;
        }

        @Override
        public String toString() {
            touched();
            return "CountingMap";
        }
    }

    /** The application's own URL handler: every method counts. */
    public static final class CountingHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL u) throws IOException {
            touched();
            throw new IOException("no connections here");
        }

        @Override
        protected void parseURL(URL u, String spec, int start, int limit) {
            touched();
            super.parseURL(u, spec, start, limit);
        }

        @Override
        protected int hashCode(URL u) {
            touched();
            return 3;
        }

        @Override
        protected boolean equals(URL u1, URL u2) {
            touched();
            return u1 == u2;
        }

        @Override
        protected String toExternalForm(URL u) {
            touched();
            return "counted:" + u.getPath();
        }

        @Override
        protected int getDefaultPort() {
            touched();
            return 7;
        }

        @Override
        protected synchronized InetAddress getHostAddress(URL u) {
            touched();
            return null;
        }

        @Override
        protected boolean hostsEqual(URL u1, URL u2) {
            touched();
            return true;
        }

        @Override
        protected boolean sameFile(URL u1, URL u2) {
            touched();
            return true;
        }
    }

    /** The traced tool (rule kind tool: arguments and result captured). */
    public static final class Sink {
        public int take(Object payload) {
            return payload == null ? -1 : 1;
        }
    }

    @SuppressWarnings("deprecation") // new URL(URL, String, URLStreamHandler): the way to give a URL a handler
    public static void main(String[] args) throws Exception {
        CountingList list = new CountingList("a", "b");
        CountingMap map = new CountingMap("k", "v");
        URL url = new URL(null, "acme://example.org:8443/docs/page?q=1#top", new CountingHandler());
        Object[] payloads = {
                Collections.unmodifiableList(list),
                Collections.unmodifiableMap(map),
                Collections.unmodifiableCollection(list),
                Collections.synchronizedList(list),
                Collections.synchronizedMap(map),
                Collections.checkedList(list, String.class),
                list.subList(0, 1),
                map.keySet(),
                Collections.unmodifiableMap(map).entrySet(),
                url,
        };
        String[] names = {"unmodifiableList", "unmodifiableMap", "unmodifiableCollection", "synchronizedList",
                "synchronizedMap", "checkedList", "subList", "keySet", "entrySet", "url"};
        Sink sink = new Sink();
        for (int i = 0; i < payloads.length; i++) {
            int before = CALLS_DURING_CAPTURE.get();
            inCall = true;
            sink.take(payloads[i]);
            inCall = false;
            System.out.println(names[i] + "-calls=" + (CALLS_DURING_CAPTURE.get() - before));
        }
        System.out.println("app-calls-during-capture=" + CALLS_DURING_CAPTURE.get());
    }
}
