package org.ems.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AtRestCipherTest {

    private final AtRestCipher cipher = new AtRestCipher(new byte[32], new SecureRandom());

    @Test
    void opensWhatItSealedForTheSameOwner() {
        byte[] sealed = cipher.seal(Purpose.PROTOCOL_STATE_AT_REST, "conversation-1:M:42", new byte[] {1, 2, 3});

        assertThat(cipher.open(Purpose.PROTOCOL_STATE_AT_REST, "conversation-1:M:42", sealed)).containsExactly(1, 2, 3);
    }

    @Test
    void aSealedValueMovedToAnotherRowDoesNotOpen() {
        byte[] sealed = cipher.seal(Purpose.PROTOCOL_STATE_AT_REST, "conversation-1:M:42", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> cipher.open(Purpose.PROTOCOL_STATE_AT_REST, "conversation-1:M:43", sealed))
                .isInstanceOf(MalformedEncodingException.class);
    }

    @Test
    void aValueSealedForOnePurposeOrUnderAnotherKeyDoesNotOpen() {
        byte[] sealed = cipher.seal(Purpose.NETWORK_LINK_AT_REST, new byte[] {9});
        AtRestCipher otherKey = new AtRestCipher(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, new SecureRandom());

        assertThatThrownBy(() -> cipher.open(Purpose.NETWORK_KEY_AT_REST, sealed)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> otherKey.open(Purpose.NETWORK_LINK_AT_REST, sealed)).isInstanceOf(MalformedEncodingException.class);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(Purpose.NETWORK_LINK_AT_REST, tampered)).isInstanceOf(MalformedEncodingException.class);
    }
}
