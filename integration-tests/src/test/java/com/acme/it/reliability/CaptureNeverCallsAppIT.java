package com.acme.it.reliability;

import com.acme.it.apps.WrappedAppCollectionsApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Configs;
import com.acme.it.harness.Jdks;
import com.acme.it.harness.Trace;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 3: capture runs no application code through JDK objects. The application's own
 * list and map inside unmodifiable, synchronized and checked wrappers, a subList and a keySet view,
 * and a URL with the application's URLStreamHandler: capture reads fields, so none of the
 * application's size(), iterator(), get(), hashCode(), toString() or handler methods is called, and
 * the application's collection is captured as the object it is.
 */
class CaptureNeverCallsAppIT {
    @Test
    void jdkWrappersAroundApplicationObjectsAreReadByFields(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Path config = Configs.of(dir, traces,
                "agentdbg.rule.sink.match=com.acme.it.apps.WrappedAppCollectionsApp$Sink",
                "agentdbg.rule.sink.kind=tool");

        ChildJvm.Result run = new ChildJvm(Jdks.current()).agent("config=" + config)
                .main(WrappedAppCollectionsApp.class).run(dir);

        run.assertSuccess();
        assertTrue(run.stdout().contains("app-calls-during-capture=0"), "capture ran application code:\n" + run.stdout());

        Trace trace = Trace.readSingleRun(traces);
        trace.assertAgentHealthy();
        List<JsonNode> takes = new ArrayList<>(trace.spansOf("WrappedAppCollectionsApp$Sink#take"));
        assertEquals(10, takes.size(), trace.names(takes));
        takes.sort((a, b) -> Long.compare(a.get("start").asLong(), b.get("start").asLong()));

        String listType = WrappedAppCollectionsApp.CountingList.class.getName();
        String mapType = WrappedAppCollectionsApp.CountingMap.class.getName();
        for (int i : new int[] {0, 2, 3, 5}) { // unmodifiable, unmodifiableCollection, synchronized, checked
            JsonNode list = arg(takes.get(i));
            assertEquals(listType, list.path("@type").asText(), list.toString());
            assertEquals("[\"a\",\"b\"]", list.get("items").toString(), list.toString());
        }
        for (int i : new int[] {1, 4}) { // unmodifiableMap, synchronizedMap
            JsonNode map = arg(takes.get(i));
            assertEquals(mapType, map.path("@type").asText(), map.toString());
            assertEquals("k", map.get("key").asText(), map.toString());
            assertEquals("v", map.get("value").asText(), map.toString());
        }
        // Views are read by their fields too: the application object they look at is in there.
        assertTrue(arg(takes.get(6)).toString().contains("\"items\":[\"a\",\"b\"]"), arg(takes.get(6)).toString());
        assertTrue(arg(takes.get(7)).toString().contains("\"key\":\"k\""), arg(takes.get(7)).toString());
        assertTrue(arg(takes.get(8)).toString().contains("\"@type\":\"" + mapType),
                arg(takes.get(8)).toString());
        assertEquals("acme://example.org:8443/docs/page?q=1#top", arg(takes.get(9)).asText());
    }

    private static JsonNode arg(JsonNode span) {
        return span.get("args").get(0);
    }
}
