package com.acme.research;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a method as one named step of an agent's chain (prompt assembly, parsing, ...). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {

    /** A human-readable name for the step; empty means "use the method name". */
    String value() default "";
}
