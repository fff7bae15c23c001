package dev.agentdbg.analyzer.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentdbg.analyzer.model.MethodInfo;
import org.junit.jupiter.api.Test;

class SourcesTest {

    @Test
    void methodsGiveTheirPackageAndFile() {
        MethodInfo m = new MethodInfo(1, "com.acme.tools.WebSearchTool$Inner", "run", "()V", "tool", "x", "r",
                "WebSearchTool.java", 58);
        assertEquals("com/acme/tools/WebSearchTool.java", Sources.ofMethod(m));
        MethodInfo noDebug = new MethodInfo(2, "com.acme.Agent$1", "run", "()V", "agent", "x", "r", null, null);
        assertEquals("com/acme/Agent.java", Sources.ofMethod(noDebug), "the outer class's file is the guess");
        assertNull(Sources.ofMethod(MethodInfo.unknown(3)));
    }

    @Test
    void framesOfTheApplicationOnly() {
        assertEquals("com/acme/tools/WebSearchTool.java",
                Sources.ofFrame("com.acme.tools.WebSearchTool.run(WebSearchTool.java:61)"));
        assertEquals("com/acme/Foo.java", Sources.ofFrame("app//com.acme.Foo.lambda$run$0(Foo.java:3)"));
        assertNull(Sources.ofFrame("java.base/java.lang.Thread.run(Thread.java:840)"));
        assertNull(Sources.ofFrame("jdk.internal.net.http.HttpClientImpl.send(HttpClientImpl.java:586)"));
        assertNull(Sources.ofFrame("dev.agentdbg.bootstrap.Propagation$ContextRunnable.run(Propagation.java:219)"));
        assertNull(Sources.ofFrame("com.acme.Native.call(Native Method)"));
        assertNull(Sources.ofFrame("com.acme.Gen.call(Unknown Source)"));
        assertNull(Sources.ofFrame("garbage"));
        assertEquals("WebSearchTool.java:61", Sources.fileLine("com.acme.WebSearchTool.run(WebSearchTool.java:61)"));
    }
}
