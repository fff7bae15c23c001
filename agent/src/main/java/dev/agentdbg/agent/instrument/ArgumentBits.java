package dev.agentdbg.agent.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code long[]} advice parameter that receives the instrumented method's primitive
 * arguments as raw bits, stored into the thread's scratch array (no boxing, no array per call).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ArgumentBits {
}
