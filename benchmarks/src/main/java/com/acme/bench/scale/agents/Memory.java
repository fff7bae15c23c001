package com.acme.bench.scale.agents;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Step;
import com.acme.bench.scale.Text;

import java.util.List;
import java.util.SplittableRandom;

/** The agent's long-term notes: two earlier findings related to the task. */
public final class Memory {
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(Thread.currentThread().getName().hashCode() * 5L + 9));

    @Step
    public List<String> recall(String task) {
        Produced.call();
        SplittableRandom rnd = RANDOM.get();
        return List.of(Text.words(rnd, Text.size(rnd, 40, 160)), Text.words(rnd, Text.size(rnd, 40, 160)));
    }
}
