package dev.agentdbg.replay.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which request bodies are read: only the JDK's byte publishers, and reading them twice changes nothing. */
class JdkRequestsTest {
    private static final URI URL = URI.create("http://127.0.0.1:9/v1/chat/completions");

    @Test
    void byteAndStringPublishersAreRead() {
        HttpRequest string = HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.ofString("{\"é\":1}")).build();
        assertArrayEquals("{\"é\":1}".getBytes(StandardCharsets.UTF_8), JdkRequests.body(string, 1 << 20).bytes());
        // read again: the publisher still holds its bytes
        assertArrayEquals("{\"é\":1}".getBytes(StandardCharsets.UTF_8), JdkRequests.body(string, 1 << 20).bytes());

        byte[] big = new byte[40_000];
        big[39_999] = 7;
        HttpRequest bytes = HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
        assertArrayEquals(big, JdkRequests.body(bytes, 1 << 20).bytes());
        HttpRequest slice = HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.ofByteArray(
                "xxabcxx".getBytes(StandardCharsets.UTF_8), 2, 3)).build();
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), JdkRequests.body(slice, 1 << 20).bytes());

        HttpRequest none = HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertArrayEquals(new byte[0], JdkRequests.body(none, 1 << 20).bytes());
        HttpRequest get = HttpRequest.newBuilder(URL).GET().build();
        assertArrayEquals(new byte[0], JdkRequests.body(get, 1 << 20).bytes());
    }

    @Test
    void otherPublishersAreNeverSubscribedTo() {
        boolean[] opened = {false};
        HttpRequest stream = HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
            opened[0] = true;
            return new ByteArrayInputStream(new byte[1]);
        })).build();
        JdkRequests.Body body = JdkRequests.body(stream, 1 << 20);
        assertNull(body.bytes());
        assertTrue(body.missing().contains("ofString, ofByteArray and noBody"), body.missing());
        assertTrue(!opened[0], "the application's stream was not opened");
    }

    @Test
    void aBodyOverTheLimitIsNotCopied() {
        HttpRequest big = HttpRequest.newBuilder(URL).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100])).build();
        JdkRequests.Body body = JdkRequests.body(big, 10);
        assertNull(body.bytes());
        assertTrue(body.missing().contains("100 bytes"), body.missing());
    }
}
