package org.ems.web.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String header(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedHeaderGivesUserAndPassword() {
        var credentials = BasicCredentials.parse(header("ops:pass:with:colons")).orElseThrow();

        assertThat(credentials.user()).isEqualTo("ops");
        assertThat(new String(credentials.password())).isEqualTo("pass:with:colons");
        assertThat(BasicCredentials.parse("basic " + header("ops:pw").substring(6))).as("the scheme is case-insensitive").isPresent();
    }

    @Test
    void malformedHeadersGiveNothing() {
        assertThat(BasicCredentials.parse(null)).isEmpty();
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic not base64!")).isEmpty();
        assertThat(BasicCredentials.parse(header("no-colon"))).isEmpty();
        assertThat(BasicCredentials.parse(header(":password-without-user"))).isEmpty();
        assertThat(BasicCredentials.parse(header("user-without-password:"))).isEmpty();
        assertThat(BasicCredentials.parse(header("u:" + "x".repeat(BasicCredentials.MAX_HEADER_CHARS)))).as("over the limit").isEmpty();
    }
}
