package org.ems.web.rest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Base64FieldTest {

    @Test
    void decodesBase64() {
        assertThat(Base64Field.decode("publicKey", "AQID")).containsExactly(1, 2, 3);
    }

    @Test
    void namesTheFieldThatIsNotBase64() {
        assertThatThrownBy(() -> Base64Field.decode("publicKey", "not base64!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("publicKey is not base64");
    }

    @Test
    void refusesOversizeValuesBeforeDecoding() {
        assertThatThrownBy(() -> Base64Field.decode("certificate", "A".repeat(64 * 1024 + 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
    }
}
