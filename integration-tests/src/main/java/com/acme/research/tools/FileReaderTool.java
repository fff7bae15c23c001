package com.acme.research.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a text file from the user's workspace, and only from there. */
public class FileReaderTool implements Tool {

    /** Enough for notes; keeps one careless call from flooding the model's context window. */
    private static final int MAX_CHARS = 16_384;

    private final Path workspace;

    public FileReaderTool(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "read_file";
    }

    @Override
    public String description() {
        return "Reads a text file from the user's workspace, e.g. their notes. Paths are relative to the workspace.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type":"object",
                 "properties":{"path":{"type":"string","description":"file path relative to the workspace"}},
                 "required":["path"]}""";
    }

    @Override
    public String run(String argumentsJson) throws IOException {
        String requested = ToolArguments.requireText(argumentsJson, "path");
        Path file = workspace.resolve(requested).normalize();
        // The path comes from a model, which may have read untrusted text: never leave the workspace.
        if (!file.startsWith(workspace)) {
            throw new IllegalArgumentException("path '" + requested + "' is outside the workspace");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // Not transient: tell the model instead of having the executor retry.
            throw new IllegalArgumentException("no such file: " + requested);
        }
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "\n[... truncated]";
    }
}
