package com.acme.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files for the sample apps. */
public final class Configs {
    private Configs() {
    }

    /** The standard rules for the com.acme.it.apps sample agent, writing to {@code traces}. */
    public static Path sampleAgent(Path dir, Path traces, String... extraLines) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("agentdbg.output.dir=").append(traces).append('\n')
                .append("agentdbg.rule.agents.match=com.acme.it.apps.*Agent#run*\n")
                .append("agentdbg.rule.agents.kind=agent\n")
                .append("agentdbg.rule.llm.match=com.acme.it.apps.ChatClient#complete\n")
                .append("agentdbg.rule.llm.kind=llm\n")
                .append("agentdbg.rule.tools.subtypeOf=com.acme.it.apps.Tool\n")
                .append("agentdbg.rule.tools.kind=tool\n");
        for (String line : extraLines) {
            text.append(line).append('\n');
        }
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, text);
        return config;
    }

    /** A configuration of the given lines, writing to {@code traces}. */
    public static Path of(Path dir, Path traces, String... lines) throws IOException {
        Path config = dir.resolve("agentdbg.properties");
        Files.writeString(config, "agentdbg.output.dir=" + traces + "\n" + String.join("\n", lines) + "\n");
        return config;
    }
}
