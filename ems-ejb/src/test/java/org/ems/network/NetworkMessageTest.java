package org.ems.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.ems.crypto.MalformedEncodingException;
import org.ems.network.domain.ConversationId;
import org.ems.network.domain.MessageKind;
import org.ems.network.domain.ModuleAddress;
import org.ems.network.domain.NetworkMessage;
import org.ems.network.domain.NetworkServerId;
import org.ems.network.domain.Outcome;
import org.ems.security.domain.ModuleId;
import org.ems.security.domain.ModuleRole;
import org.junit.jupiter.api.Test;

class NetworkMessageTest {

    static final SecureRandom RANDOM = new SecureRandom();

    final NetworkMessage message = new NetworkMessage(MessageKind.SIGN_ON_REQUEST, ConversationId.random(RANDOM),
            new ModuleAddress(new ModuleId(12_345)), new NetworkServerId("ns-1"), new byte[] {1, 2, 3});

    @Test
    void encodesAndDecodesToAnEqualMessageWithTheSameDigest() {
        NetworkMessage decoded = NetworkMessage.decode(message.encode());
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.digest()).isEqualTo(message.digest());
    }

    @Test
    void anyAlterationChangesTheDigest() {
        NetworkMessage altered = new NetworkMessage(message.kind(), message.conversation(), message.sender(), message.recipient(),
                new byte[] {1, 2, 4});
        assertThat(altered.digest()).isNotEqualTo(message.digest());
    }

    @Test
    void refusesTruncatedTrailingOversizedAndUnknownKinds() {
        byte[] encoded = message.encode();
        assertThatThrownBy(() -> NetworkMessage.decode(Arrays.copyOf(encoded, encoded.length - 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> NetworkMessage.decode(Arrays.copyOf(encoded, encoded.length + 1))).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> NetworkMessage.decode(new byte[NetworkMessage.MAX_ENCODED_BYTES + 1])).isInstanceOf(MalformedEncodingException.class);
        byte[] unknownKind = encoded.clone();
        unknownKind[11] = 99;
        assertThatThrownBy(() -> NetworkMessage.decode(unknownKind)).isInstanceOf(MalformedEncodingException.class);
        assertThatThrownBy(() -> new NetworkMessage(MessageKind.CHANNEL, message.conversation(), message.sender(), message.recipient(),
                new byte[NetworkMessage.MAX_BODY_BYTES + 1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesAndConversationIdsAreValidated() {
        assertThatThrownBy(() -> new NetworkServerId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetworkServerId("ns 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetworkServerId("n".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        ConversationId id = ConversationId.random(RANDOM);
        assertThat(ConversationId.parse(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> ConversationId.parse("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOutcomeHasAStableCodeAndAMessageForSubscriberAndBank() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(Outcome.ofCode(outcome.code())).isEqualTo(outcome);
            assertThat(outcome.messageFor(ModuleRole.TRANSACTION)).isEqualTo(outcome.toSubscriber()).isNotBlank();
            assertThat(outcome.messageFor(ModuleRole.MONEY_GENERATOR)).isEqualTo(outcome.toBank()).isNotBlank();
        }
        for (MessageKind kind : MessageKind.values()) {
            assertThat(MessageKind.ofCode(kind.code())).isEqualTo(kind);
        }
    }
}
