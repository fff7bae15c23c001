package com.acme.it.apps;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Exercises every kind of rule: globs, supertypes (incl. anonymous, late-loaded and other-loader
 * classes), annotations, plus code that matches nothing.
 */
public final class RulesApp {
    private RulesApp() {
    }

    public static void main(String[] args) throws Exception {
        ResearchAgent agent = new ResearchAgent();
        for (int i = 0; i < 2; i++) {
            System.out.println(agent.runTask("question " + i));
        }
        new Calculator().describe();

        Tool late = (Tool) Class.forName("com.acme.it.apps.LateTool").getDeclaredConstructor().newInstance();
        System.out.println(late.call("x"));
        System.out.println(new DeepTool().call("z"));

        URL classes = RulesApp.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = isolated.loadClass("com.acme.it.apps.IsolatedTool");
            if (type.getClassLoader() != isolated) {
                throw new AssertionError("IsolatedTool was not loaded by the isolated loader");
            }
            Object tool = type.getDeclaredConstructor().newInstance();
            System.out.println(type.getMethod("call", String.class).invoke(tool, "y"));
        }
        System.out.println("rules app done");
    }
}
