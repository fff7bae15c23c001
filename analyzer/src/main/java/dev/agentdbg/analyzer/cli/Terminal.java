package dev.agentdbg.analyzer.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stdout or stderr is a terminal, for colour and the progress line. */
final class Terminal {

    private Terminal() {
    }

    static boolean stdout() {
        return isTerminal(1);
    }

    static boolean stderr() {
        return isTerminal(2);
    }

    /**
     * On Linux the descriptor's link names its device, which tells each stream apart ({@code summary x > out.txt}
     * still shows progress on stderr). Elsewhere the console stands in: it exists when stdin and stdout are a
     * terminal, and on JDK 22+ it always exists, so there its {@code isTerminal()} decides (reflection: this is
     * compiled for Java 17).
     */
    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            if (Files.isSymbolicLink(link)) {
                String device = Files.readSymbolicLink(link).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
            }
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // Fall back to the console below.
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
