package dev.agentdbg.runtime.debug.http;

import com.sun.net.httpserver.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * The checks every request to the debugger passes before anything else runs: a known {@code Host}
 * (against DNS rebinding), an {@code Origin}, when sent, of this server itself (against cross-site
 * requests; no CORS headers are ever sent), and the token, from the header or the cookie the page's
 * first request sets. Compared in constant time.
 */
final class RequestGuard {
    static final String TOKEN_HEADER = "X-Agentdbg-Token";
    static final String TOKEN_COOKIE = "agentdbg_token";

    /** Why a request was turned away: the status and a one-line reason for the body. */
    record Refusal(int status, String reason) {
    }

    private final byte[] token;
    private final Set<String> hosts;

    /** @param hosts the {@code Host} values this server answers to ({@code 127.0.0.1:<port>}, ...) */
    RequestGuard(String token, Set<String> hosts) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.hosts = Set.copyOf(hosts);
    }

    /** Host and Origin; @return null when they are acceptable */
    Refusal checkSite(Headers headers) {
        List<String> host = headers.get("Host");
        if (host == null || host.size() != 1 || !hosts.contains(host.get(0).trim().toLowerCase(java.util.Locale.ROOT))) {
            return new Refusal(403, "unknown Host");
        }
        List<String> origin = headers.get("Origin");
        if (origin != null) {
            if (origin.size() != 1 || !origin.get(0).startsWith("http://")
                    || !hosts.contains(origin.get(0).substring("http://".length()).toLowerCase(java.util.Locale.ROOT))) {
                return new Refusal(403, "foreign Origin");
            }
        }
        return null;
    }

    /** The token from the header, else from the cookie; @return null when it matches */
    Refusal checkToken(Headers headers) {
        String given = headers.getFirst(TOKEN_HEADER);
        if (given == null) {
            given = cookie(headers.get("Cookie"));
        }
        if (given == null) {
            return new Refusal(401, "no token: open the URL the agent printed, or send " + TOKEN_HEADER);
        }
        return matches(given) ? null : new Refusal(403, "wrong token");
    }

    boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII));
    }

    private static String cookie(List<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return null;
        }
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(TOKEN_COOKIE + "=")) {
                    return p.substring(TOKEN_COOKIE.length() + 1);
                }
            }
        }
        return null;
    }
}
