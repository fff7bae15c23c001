package com.acme.it.apps.quickstart;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's quick start, followed literally: an agent, an LLM client and hand-written tools with
 * accessors. The tool registry asks every tool for its name and spec at start-up, outside any agent
 * call, as real registries do. Argument 0, when given, is a directory holding plugin classes that only
 * a plugin class loader sees.
 */
public final class QuickStartApp {
    private QuickStartApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Tool> tools = new LinkedHashMap<>();
        for (Tool tool : List.of(new WebSearchTool(), new CalculatorTool(), new ClockTool(),
                new FileReaderTool("read_file"), new FileReaderTool("read_dir"), new TranslateTool(), new EchoTool())) {
            tools.put(tool.name(), tool);
            System.out.println("registered " + tool.spec() + " (" + tool.description() + ", " + tool.category() + ")");
        }
        ResearchAgent agent = new ResearchAgent(tools);
        for (int i = 0; i < 2; i++) {
            System.out.println(agent.run("task " + i));
        }
        if (args.length > 0) {
            URL plugins = Path.of(args[0]).toUri().toURL();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {plugins}, QuickStartApp.class.getClassLoader())) {
                Class<?> type = loader.loadClass("com.acme.it.apps.quickstart.plugin.ShoutPlugin");
                Object plugin = type.getDeclaredConstructor().newInstance();
                Class<?> api = loader.loadClass("com.acme.it.apps.quickstart.plugin.PluginTool");
                System.out.println(api.getMethod("getName").invoke(plugin) + " -> "
                        + api.getMethod("invoke", String.class).invoke(plugin, "plugin call"));
            }
        }
        System.out.println("quick start app done");
    }
}
