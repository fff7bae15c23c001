package dev.agentdbg.capture;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {
    private static final Redactor R = Redactor.create(CaptureSettings.DEFAULT_REDACT_NAMES, "", w -> { });

    @Test
    void everyBuiltInTokenFormatIsMaskedInsideText() {
        List<String> tokens = List.of("sk-proj-TESTSECRET1234567890abcd", "sk-abc123def4", "sk-ant-api03-abcdefghijklmnop",
                "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstu", "AIzaSyA1234567890abcdefghijklmnopqrstuv",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                "xoxb-1234567890-abcdefghij");
        for (String token : tokens) {
            String masked = R.mask("before " + token + " after");
            assertEquals("before [REDACTED] after", masked, token);
        }
        assertEquals("Authorization: Bearer [REDACTED]", R.mask("Authorization: Bearer sk-abc123def4"));
        assertEquals("task for agent-worker-[REDACTED]", R.mask("task for agent-worker-sk-abc123def4"));
    }

    @Test
    void valuesAfterSecretNamesAreMaskedInTextAndOnCommandLines() {
        assertEquals("--password=[REDACTED] -Dopenai.api.key=[REDACTED] token=[REDACTED] --model=gpt",
                R.mask("--password=x -Dopenai.api.key=abc token=t0k --model=gpt"));
        assertEquals("{\"apiKey\": \"[REDACTED]\", \"model\": \"gpt\"}", R.mask("{\"apiKey\": \"plain\", \"model\": \"gpt\"}"));
        assertEquals("GET /v1?api_key=[REDACTED]&q=1", R.mask("GET /v1?api_key=hunter2&q=1"));
        assertEquals("X-Api-Key: [REDACTED]\nAuthorization: [REDACTED]",
                R.mask("X-Api-Key: hunter2\nAuthorization: Basic dXNlcjpwYXNz"));
        assertEquals("app.Main --api-key [REDACTED] --password [REDACTED] --model gpt-4o --verbose",
                R.maskCommandLine("app.Main --api-key sk-proj-TESTSECRET1234567890abcd --password hunter2 --model gpt-4o "
                        + "--verbose"));
        assertEquals("app.Main --token", R.maskCommandLine("app.Main --token"));
    }

    @Test
    void ordinaryTextIsLeftAloneAndNotCopied() {
        for (String text : List.of("task-management-system-design-document", "sk-short", "Bearer short",
                "use maxTokens=100 and a tokenizer", "max_tokens: 100, input_tokens=5", "Note: see https://x.y/a?b=c",
                "AKIA", "the eyJ prefix alone", "", "ab", "agent-worker-1", "com.acme.Foo$Bar")) {
            assertSame(text, R.mask(text), text);
        }
        assertEquals(null, R.mask(null));
    }

    @Test
    void userPatternsAreAddedAndAMalformedOneIsReportedOnceAndSkipped() {
        List<String> warnings = new ArrayList<>();
        Redactor r = Redactor.create(CaptureSettings.DEFAULT_REDACT_NAMES,
                "acme_[0-9a-f]{16} ; (unclosed;;[0-9]{3}-[0-9]{2}-[0-9]{4}", warnings::add);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'(unclosed'") && warnings.get(0).contains("agentdbg.capture.redactPatterns"),
                warnings.get(0));
        assertEquals("customer [REDACTED], ssn [REDACTED], key [REDACTED]",
                r.mask("customer acme_0123456789abcdef, ssn 123-45-6789, key sk-abc123def4"));
        assertEquals("acme_ shop", r.mask("acme_ shop"));
        List<String> empty = new ArrayList<>();
        Redactor.create(List.of(), "x*", empty::add);
        assertEquals(1, empty.size(), empty.toString());
    }

    @Test
    void literalPrefixIsWhatEveryMatchStartsWith() {
        assertEquals("acme_", TokenFormat.literalPrefix("acme_[0-9a-f]{16}"));
        assertEquals("ab", TokenFormat.literalPrefix("abc?d"));
        assertEquals("", TokenFormat.literalPrefix("(?i)acme_x"));
        assertEquals("", TokenFormat.literalPrefix("foo|bar"));
        assertEquals("", TokenFormat.literalPrefix("[a-z]+_key"));
    }

    @Test
    void byteHeadsHoldingSecretsOrTheStartOfATokenAreHidden() {
        assertTrue(R.hidesHead(bytes("id sk-proj-TESTSECRET1234567890abcd end")));
        assertTrue(R.hidesHead(bytes("Authorization: Bearer sk-pr")), "a token cut by the head's end");
        assertTrue(R.hidesHead(bytes("{\"password\":\"hunter2\"}")));
        byte[] framed = bytes("\u0001\u0002\u0003sk-abc123def4\u0000\u00ff");
        assertTrue(R.hidesHead(framed), "a key inside binary framing");
        assertFalse(R.hidesHead(bytes("hello-bytes-visible")));
        assertFalse(R.hidesHead(new byte[] {0, 1, 2, (byte) 0xff, 0x7f}));
        assertFalse(R.hidesHead(new byte[0]));
        Redactor withSsn = Redactor.create(List.of(), "[0-9]{3}-[0-9]{2}-[0-9]{4}", w -> { });
        assertFalse(withSsn.hidesHead(bytes("hello-bytes-visible")), "a format without a literal start hides only matches");
        assertTrue(withSsn.hidesHead(bytes("ssn 123-45-6789")));
    }

    @Test
    void aLongPromptWithoutSecretsIsReturnedAsItIs() {
        String prompt = "Summarise the quarterly report: list the three largest risks = key points. ".repeat(120);
        assertSame(prompt, R.mask(prompt));
        String withKey = prompt + "use sk-abc123def4 now";
        assertTrue(R.mask(withKey).endsWith("use [REDACTED] now"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
