package com.acme.it.debug;

import com.acme.it.apps.openaijava.OpenAiJavaApp;
import com.acme.it.harness.ChildJvm;
import com.acme.it.harness.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An LLM answer edited as its HTTP body at openai-java's transport: the real SDK (OkHttp) against a scripted
 * stub, the live debugger on, a breakpoint on the exits of llm calls; the final answer's body is replaced
 * over {@code /api/edit} and the SDK parses the edited answer, which the app prints.
 */
class OpenAiJavaEditIT {
    private static final String EDITED = """
            {"id":"chatcmpl-edited","object":"chat.completion","created":1760000001,
             "model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
               "message":{"role":"assistant","content":"EDITED: take an umbrella after all.","refusal":null}}],
             "usage":{"prompt_tokens":210,"completion_tokens":45,"total_tokens":255}}
            """;

    @Test
    void theFinalAnswerEditedAsItsBodyIsWhatTheSdkParses(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, String.join("\n",
                "agentdbg.output.dir=" + dir.resolve("traces"),
                "agentdbg.presets=openai-java",
                "agentdbg.rule.travel-agent.match=com.acme.it.apps.openaijava.TravelAgent#run*",
                "agentdbg.rule.travel-agent.kind=agent",
                ""));
        ChildJvm jvm = new ChildJvm(Jdks.current()).agent("config=" + config)
                .jvmArg("-Dagentdbg.debug=true")
                .jvmArg("-Dagentdbg.break.answer=kind:llm")
                .jvmArg("-Dagentdbg.break.answer.at=exit")
                .main(OpenAiJavaApp.class);
        LiveEditIT.Api[] api = new LiveEditIT.Api[1];
        List<String> edits = new ArrayList<>();
        int[] pauses = {0};
        String stdout = LiveEditIT.drive(jvm, dir.resolve("app"), pause -> {
            try {
                // TravelAgent.run: the first answer asks for the tool, the second is what run returns
                if (++pauses[0] == 2) {
                    edits.add(LiveEditIT.edit(api[0], pause.get("id").asLong(), "body", "{\"not\": json"));
                    edits.add(LiveEditIT.edit(api[0], pause.get("id").asLong(), "body", EDITED));
                }
                return true;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, api);
        assertTrue(edits.get(0).startsWith("400 body: not JSON"), edits.toString());
        assertEquals("200 {\"edited\":\"body\"}", edits.get(1));
        assertTrue(stdout.contains("run: EDITED: take an umbrella after all."), stdout);
    }
}
