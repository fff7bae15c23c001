package com.acme.research.tools;

import java.math.BigDecimal;
import java.math.MathContext;

/** Evaluates arithmetic expressions, because language models are unreliable at arithmetic. */
public class CalculatorTool implements Tool {

    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public String description() {
        return "Evaluates an arithmetic expression with + - * / % ^ and parentheses, e.g. 1200 * (1 + 0.07)^5.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type":"object",
                 "properties":{"expression":{"type":"string","description":"the expression to evaluate"}},
                 "required":["expression"]}""";
    }

    @Override
    public String run(String argumentsJson) {
        String expression = ToolArguments.requireText(argumentsJson, "expression");
        double value = evaluate(expression);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("'" + expression + "' has no finite value");
        }
        // Twelve significant digits: enough for money and sizes, without binary floating-point noise.
        String result = new BigDecimal(value).round(new MathContext(12)).stripTrailingZeros().toPlainString();
        return ToolArguments.JSON.createObjectNode()
                .put("expression", expression)
                .put("result", new BigDecimal(result))
                .toString();
    }

    /** Evaluates {@code expression}; throws IllegalArgumentException with the position of a syntax error. */
    public static double evaluate(String expression) {
        return new Parser(expression).parse();
    }

    /**
     * Recursive descent over this grammar (^ binds tighter than unary minus and is right-associative,
     * so -2^2 is -4 and 2^3^2 is 512, as in mathematics):
     * <pre>
     * expression := term (('+' | '-') term)*
     * term       := unary (('*' | '/' | '%') unary)*
     * unary      := ('+' | '-') unary | power
     * power      := primary ('^' unary)?
     * primary    := number | '(' expression ')'
     * </pre>
     */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        double parse() {
            double value = expression();
            skipSpaces();
            if (pos < text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            return value;
        }

        private double expression() {
            double value = term();
            while (true) {
                if (accept('+')) {
                    value += term();
                } else if (accept('-')) {
                    value -= term();
                } else {
                    return value;
                }
            }
        }

        private double term() {
            double value = unary();
            while (true) {
                if (accept('*')) {
                    value *= unary();
                } else if (accept('/')) {
                    double divisor = unary();
                    if (divisor == 0) {
                        throw error("division by zero");
                    }
                    value /= divisor;
                } else if (accept('%')) {
                    value %= unary();
                } else {
                    return value;
                }
            }
        }

        private double unary() {
            if (accept('-')) {
                return -unary();
            }
            if (accept('+')) {
                return unary();
            }
            return power();
        }

        private double power() {
            double base = primary();
            return accept('^') ? Math.pow(base, unary()) : base;
        }

        private double primary() {
            if (accept('(')) {
                double value = expression();
                if (!accept(')')) {
                    throw error("missing ')'");
                }
                return value;
            }
            skipSpaces();
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("bad number '" + text.substring(start, pos) + "'");
            }
        }

        private boolean accept(char c) {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException(problem + " at position " + pos + " in '" + text + "'");
        }
    }
}
