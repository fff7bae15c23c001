package dev.agentdbg.analyzer.model;

import java.util.ArrayList;
import java.util.List;

/** Turns JVM method descriptors into the short parameter lists people read, e.g. {@code (String, int)}. */
public final class Descriptors {

    private Descriptors() {
    }

    /** {@code (Ljava/lang/String;I)V} becomes {@code (String, int)}; a missing or malformed descriptor gives {@code ""}. */
    public static String parameterList(String desc) {
        if (desc == null || !desc.startsWith("(") || desc.indexOf(')') < 0) {
            return "";
        }
        List<String> names = new ArrayList<>();
        int i = 1;
        int end = desc.indexOf(')');
        while (i < end) {
            int dims = 0;
            while (desc.charAt(i) == '[') {
                dims++;
                i++;
            }
            String name;
            char c = desc.charAt(i);
            if (c == 'L') {
                int semi = desc.indexOf(';', i);
                if (semi < 0 || semi > end) {
                    return "";
                }
                String binary = desc.substring(i + 1, semi);
                name = binary.substring(binary.lastIndexOf('/') + 1);
                i = semi + 1;
            } else {
                name = primitive(c);
                if (name == null) {
                    return "";
                }
                i++;
            }
            names.add(name + "[]".repeat(dims));
        }
        return "(" + String.join(", ", names) + ")";
    }

    private static String primitive(char c) {
        return switch (c) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> null;
        };
    }
}
