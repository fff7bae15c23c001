package dev.agentdbg.agent.instrument;

/** Looks into a class file's bytes before parsing it: whether a name or descriptor occurs at all. */
public final class ClassBytes {
    private ClassBytes() {
    }

    /** Where {@code needle} first occurs in a class file's bytes, or -1: a cheap look before any parsing. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
