package org.ems.web.portal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user name and password of an HTTP {@code Authorization: Basic} header (RFC 7617). A header
 * that is not Basic, not base64, has no colon, or an empty user or password gives nothing: the
 * caller is challenged again, never half-authenticated.
 */
record BasicCredentials(String user, char[] password) {

    /** Longest header accepted (TIGER_STYLE: a limit on everything); real ones are far shorter. */
    static final int MAX_HEADER_CHARS = 1024;
    private static final String SCHEME = "Basic ";

    static Optional<BasicCredentials> parse(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(SCHEME.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray()));
    }
}
