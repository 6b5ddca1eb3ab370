package org.ems.settlement.agents.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import org.ems.crypto.CanonicalReader;
import org.ems.crypto.Crypto;
import org.ems.crypto.KeyLength;
import org.ems.crypto.Purpose;
import org.junit.jupiter.api.Test;

/** The agent message signature: what is signed, its text form, and what does not verify or parse. */
class AgentSignatureTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair SENDER = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
    private static final KeyPair OTHER = Crypto.generateKeyPair(KeyLength.P256, RANDOM);
    private static final String LINE = "EMS-AGENT/1 PAYOUT PAT-1 MSC:MSC MSA:MSA1 OUT.MSA1 0 JPY:1400,USD:1000 -";

    @Test
    void whatIsSignedStartsWithTheAgentMessagePurposeAndHoldsTheExactLine() {
        byte[] signed = AgentSignature.signedBytes(LINE);
        assertThat(CanonicalReader.peekPurpose(signed)).isEqualTo(Purpose.SETTLEMENT_AGENT_MESSAGE);
        assertThat(Purpose.SETTLEMENT_AGENT_MESSAGE.tag()).isEqualTo(500);
        CanonicalReader reader = new CanonicalReader(signed, Purpose.SETTLEMENT_AGENT_MESSAGE);
        assertThat(reader.getString(AgentMessage.MAX_LINE_CHARS)).isEqualTo(LINE);
        reader.end();
    }

    @Test
    void aSignatureVerifiesOnlyOverItsLineUnderItsKey() {
        AgentSignature signature = AgentSignature.sign(LINE, SENDER.getPrivate());
        assertThat(signature.verifies(LINE, SENDER.getPublic())).isTrue();
        assertThat(signature.verifies(LINE.replace("USD:1000", "USD:1001"), SENDER.getPublic())).isFalse();
        assertThat(signature.verifies(LINE.replace("PAT-1", "PAT-2"), SENDER.getPublic())).isFalse();
        assertThat(signature.verifies(LINE + " ", SENDER.getPublic())).isFalse();
        assertThat(signature.verifies(LINE, OTHER.getPublic())).isFalse();
        // a signature of the same text for another purpose is not one of this line
        byte[] otherPurpose = new org.ems.crypto.CanonicalWriter(Purpose.SESSION_NOTICE).putString(LINE).toBytes();
        AgentSignature foreign = AgentSignature.parse(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Crypto.sign(SENDER.getPrivate(), otherPurpose)));
        assertThat(foreign.verifies(LINE, SENDER.getPublic())).isFalse();
    }

    @Test
    void theTextFormRoundTrips() {
        AgentSignature signature = AgentSignature.sign(LINE, SENDER.getPrivate());
        String text = signature.text();
        assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(AgentSignature.MAX_TEXT);
        assertThat(AgentSignature.parse(text)).isEqualTo(signature);
        assertThat(AgentSignature.parse(text).verifies(LINE, SENDER.getPublic())).isTrue();
    }

    @Test
    void malformedTextIsRefusedAsABadSignature() {
        String good = AgentSignature.sign(LINE, SENDER.getPrivate()).text();
        List<String> bad = List.of("", "A", "AB", good + "=", good.replace('-', '+').replace('_', '/') + "+/", " " + good, good + "\n",
                "é" + good, "A".repeat(AgentSignature.MAX_TEXT + 1));
        for (String text : bad) {
            assertThatThrownBy(() -> AgentSignature.parse(text)).as(text)
                    .isInstanceOfSatisfying(AgentRefusedException.class, e -> assertThat(e.reason()).isEqualTo(AgentRefusal.BAD_SIGNATURE));
        }
    }
}
