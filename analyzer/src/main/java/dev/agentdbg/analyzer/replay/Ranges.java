package dev.agentdbg.analyzer.replay;

import java.util.ArrayList;
import java.util.List;

/** Writes sorted numbers as ranges: {@code calls 1-3, 5}. */
final class Ranges {

    /** Ranges listed before the rest are counted; a recording of thousands of cut calls stays one line. */
    private static final int MAX_RANGES = 8;

    private Ranges() {
    }

    static String calls(List<Long> numbers) {
        return (numbers.size() == 1 ? "call " : "calls ") + of(numbers);
    }

    /** Values have no call number: they are numbered per method, in recorded order. */
    static String answers(List<Long> numbers) {
        return (numbers.size() == 1 ? "answer " : "answers ") + of(numbers);
    }

    static String of(List<Long> numbers) {
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < numbers.size()) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (ranges.size() == MAX_RANGES) {
                ranges.add("... (" + (numbers.size() - i) + " more)");
                break;
            }
            ranges.add(i == j ? String.valueOf(numbers.get(i)) : numbers.get(i) + "-" + numbers.get(j));
            i = j + 1;
        }
        return String.join(", ", ranges);
    }
}
