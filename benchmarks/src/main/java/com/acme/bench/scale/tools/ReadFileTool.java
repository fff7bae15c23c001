package com.acme.bench.scale.tools;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Text;

import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Reads one of the user's notes (150 B – 1 KB); a path the model made up is not found (not retried). */
public final class ReadFileTool implements Tool {
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(Thread.currentThread().getName().hashCode() * 11L + 1));

    @Override
    public String name() {
        return "read_file";
    }

    @Override
    public ToolResult run(Map<String, Object> arguments) throws FileNotFoundException {
        Produced.call();
        SplittableRandom rnd = RANDOM.get();
        if (rnd.nextInt(100) < 3) {
            throw new FileNotFoundException("/srv/research/" + arguments.get("path") + " (No such file or directory)");
        }
        return new ToolResult(Text.words(rnd, Text.size(rnd, 150, 1000)), List.of(), 1);
    }
}
