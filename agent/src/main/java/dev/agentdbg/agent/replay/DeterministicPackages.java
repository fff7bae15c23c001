package dev.agentdbg.agent.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The application packages whose call sites are made deterministic: {@code agentdbg.replay.deterministic.packages}
 * when set, else the main class's package, found from the launch command ({@code sun.java.command}: a class
 * name, {@code module/class}, or a jar whose manifest names the {@code Main-Class}).
 *
 * @param names       package (or class) names, dotted; the empty string stands for the unnamed package
 * @param description the packages in words, saying where they came from, for the pre-flight and stderr
 */
record DeterministicPackages(List<String> names, String description) {

    static DeterministicPackages resolve(List<String> configured, String javaCommand) {
        if (!configured.isEmpty()) {
            List<String> names = configured.stream().map(DeterministicPackages::normalise).distinct().toList();
            return new DeterministicPackages(names, String.join(", ", names));
        }
        String main = mainClass(javaCommand);
        if (main == null) {
            return new DeterministicPackages(List.of(), "no package (the main class is unknown: set "
                    + "agentdbg.replay.deterministic.packages)");
        }
        int dot = main.lastIndexOf('.');
        String pkg = dot < 0 ? "" : main.substring(0, dot);
        return new DeterministicPackages(List.of(pkg), (pkg.isEmpty() ? "the unnamed package" : pkg)
                + " (the main class's package; agentdbg.replay.deterministic.packages chooses others)");
    }

    /** {@code com.acme.*}, {@code com.acme.**}, {@code com/acme/} and {@code com.acme.} all mean {@code com.acme}. */
    static String normalise(String name) {
        String n = name.trim().replace('/', '.');
        while (n.endsWith("*")) {
            n = n.substring(0, n.length() - 1);
        }
        while (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** The main class named by the launch command, or null when it cannot be told. */
    static String mainClass(String javaCommand) {
        if (javaCommand == null || javaCommand.isBlank()) {
            return null;
        }
        String first = javaCommand.trim().split("\\s+", 2)[0];
        if (first.endsWith(".jar")) {
            Path jar = Path.of(first);
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
                return main == null || main.isBlank() ? null : main.trim();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        int slash = first.indexOf('/');
        String main = slash >= 0 ? first.substring(slash + 1) : first; // java -m module/class
        return main.isEmpty() || main.endsWith(".java") ? null : main;
    }

    /** The names in internal form, for {@link DeterministicTransformer}. */
    List<String> internalNames() {
        return names.stream().map(n -> n.replace('.', '/')).toList();
    }
}
