package com.acme.bench.scale.tools;

import com.acme.bench.scale.Produced;

import java.util.List;
import java.util.Map;

/** Evaluates {@code a * b / c}; a division by zero fails (not retried). */
public final class CalculatorTool implements Tool {
    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public ToolResult run(Map<String, Object> arguments) {
        Produced.call();
        String expression = String.valueOf(arguments.get("expression"));
        String[] p = expression.split(" ");
        long a = Long.parseLong(p[0]);
        long b = Long.parseLong(p[2]);
        long c = Long.parseLong(p[4]);
        if (c == 0) {
            throw new ArithmeticException("division by zero in '" + expression + "'");
        }
        return new ToolResult(Double.toString((double) a * b / c), List.of(), 0);
    }
}
