package dev.agentdbg.agent.instrument;

import java.util.Locale;

/** Tool classes compiled by javac, whose bytecode the name and accessor readers are tested on. */
final class ToolFixtures {
    private ToolFixtures() {
    }

    interface Tool {
        String name();

        String getDescription();

        String parametersSchema();

        boolean isReadOnly();

        String category();

        String execute(String input);

        String toString();
    }

    static class LiteralName {
        public String name() {
            return "web_search";
        }

        public int size() {
            return 3;
        }

        public void close() {
        }

        public String execute() {
            return name().trim();
        }
    }

    static class InlinedConstant {
        static final String NAME = "calculator";

        public String name() {
            return NAME;
        }
    }

    static class StaticInitializer {
        private static final String NAME;

        static {
            NAME = "clock";
        }

        public String getName() {
            return NAME;
        }
    }

    static class MutableStatic {
        static String name = "changes";

        public String name() {
            return name;
        }
    }

    static class FieldName {
        private final String name;

        FieldName(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    static class Computed {
        public String name() {
            return getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }
    }

    static class Branching {
        private boolean quiet;

        public String name() {
            return quiet ? "quiet" : "loud";
        }
    }

    abstract static class Base {
        private final String toolName;

        Base(String toolName) {
            this.toolName = toolName;
        }

        public String toolName() {
            return toolName;
        }
    }

    static class Inherits extends Base {
        Inherits() {
            super("translate");
        }
    }

    static class Nameless {
        public String execute(String input) {
            return input;
        }
    }
}
