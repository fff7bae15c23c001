package com.acme.it.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

import java.util.Map;

/** An application with its own ByteBuddy and Jackson, which must keep working under the agent. */
public final class OwnLibrariesApp {
    private OwnLibrariesApp() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> generated = new ByteBuddy()
                .subclass(Object.class)
                .name("com.acme.it.apps.Generated")
                .method(ElementMatchers.named("toString")).intercept(FixedValue.value("made by the app's ByteBuddy"))
                .make()
                .load(OwnLibrariesApp.class.getClassLoader())
                .getLoaded();
        System.out.println("bytebuddy: " + generated.getDeclaredConstructor().newInstance());
        System.out.println("bytebuddy jar: " + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation());

        String json = new ObjectMapper().writeValueAsString(Map.of("answer", new ResearchAgent().runTask("q")));
        System.out.println("jackson " + PackageVersion.VERSION + ": " + json.length() + " chars");
    }
}
