package dev.agentdbg.capture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretNamesTest {
    private final CaptureSettings s = CaptureSettings.defaults();

    @Test
    void namesEndingInASecretEntryAreSecretWhateverTheirCaseAndSeparators() {
        for (String name : List.of("apiKey", "api_key", "API-KEY", "openaiApiKey", "x-api-key", "accessToken",
                "access_token", "token", "clientSecret", "client.secret", "Authorization", "proxy-authorization",
                "password", "dbPassword", "SECRET")) {
            assertTrue(s.isSecretName(name), name);
        }
    }

    @Test
    void tokenCountsAndOtherNamesThatMerelyContainAnEntryAreNotSecret() {
        for (String name : List.of("maxTokens", "inputTokens", "outputTokens", "max_tokens", "totalTokenCount",
                "tokenUsage", "tokenizer", "promptCacheKey", "keyId", "secretName", "passwords", "model", "",
                "authorizationUrl")) {
            assertFalse(s.isSecretName(name), name);
        }
        assertFalse(s.isSecretName(null));
    }

    @Test
    void configuredNamesReplaceTheDefaults() {
        CaptureSettings custom = new CaptureSettings(8, 8192, 100, 65536, List.of("ssn", "Card-Number"), false);
        assertTrue(custom.isSecretName("customerSsn"));
        assertTrue(custom.isSecretName("card_number"));
        assertFalse(custom.isSecretName("apiKey"));
    }
}
