package org.ems.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackChallengeTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = key();
    private final CallbackChallenge challenge = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-1", random, NOW);

    @Test
    void theRightAnswerAuthenticatesOnce() {
        byte[] answer = challenge.call().answer(key);

        challenge.verify(CallbackPurpose.CHARGE, "charge-1", key, answer, NOW.plusSeconds(5));

        assertThat(challenge.state()).isEqualTo(CallbackChallenge.State.AUTHENTICATED);
        assertRefused(() -> challenge.verify(CallbackPurpose.CHARGE, "charge-1", key, answer, NOW.plusSeconds(6)),
                ProviderRefusal.CHALLENGE_USED);
    }

    @Test
    void aChallengeIssuedAtASubMillisecondInstantCanBeAnswered() {
        Instant serverNow = Instant.parse("2026-11-30T10:00:00.123456789Z");
        CallbackChallenge issued = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-2", random, serverNow);

        issued.verify(CallbackPurpose.CHARGE, "charge-2", key, issued.call().answer(key), serverNow.plusSeconds(1));

        assertThat(issued.state()).isEqualTo(CallbackChallenge.State.AUTHENTICATED);
    }

    @Test
    void aWrongAnswerUsesTheChallengeUp() {
        byte[] otherKey = key();

        assertRefused(() -> challenge.verify(CallbackPurpose.CHARGE, "charge-1", key, challenge.call().answer(otherKey), NOW),
                ProviderRefusal.WRONG_ANSWER);
        assertThat(challenge.state()).isEqualTo(CallbackChallenge.State.REFUSED);
        // Even the right answer now comes too late.
        assertRefused(() -> challenge.verify(CallbackPurpose.CHARGE, "charge-1", key, challenge.call().answer(key), NOW),
                ProviderRefusal.CHALLENGE_USED);
    }

    @Test
    void anAnswerToAnotherChallengeIsWrong() {
        CallbackChallenge earlier = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-1", random, NOW);
        byte[] replayed = earlier.call().answer(key);

        assertRefused(() -> challenge.verify(CallbackPurpose.CHARGE, "charge-1", key, replayed, NOW), ProviderRefusal.WRONG_ANSWER);
    }

    @Test
    void expiredMismatchedAndEmptyAnswersAreRefused() {
        byte[] answer = challenge.call().answer(key);
        assertRefused(() -> challenge.verify(CallbackPurpose.CHARGE, "charge-1", key, answer, NOW.plus(CallbackChallenge.TTL)),
                ProviderRefusal.CHALLENGE_EXPIRED);

        CallbackChallenge other = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-1", random, NOW);
        assertRefused(() -> other.verify(CallbackPurpose.SETTLEMENT, "charge-1", key, other.call().answer(key), NOW),
                ProviderRefusal.CHALLENGE_MISMATCH);
        CallbackChallenge third = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-1", random, NOW);
        assertRefused(() -> third.verify(CallbackPurpose.CHARGE, "charge-2", key, third.call().answer(key), NOW),
                ProviderRefusal.CHALLENGE_MISMATCH);
        CallbackChallenge fourth = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-1", random, NOW);
        assertRefused(() -> fourth.verify(CallbackPurpose.CHARGE, "charge-1", key, null, NOW.plus(Duration.ofSeconds(1))),
                ProviderRefusal.WRONG_ANSWER);
    }

    @Test
    void challengesAreFreshAndTheNonceIsCopied() {
        CallbackChallenge second = CallbackChallenge.issue("PT-1", CallbackPurpose.CHARGE, "charge-1", random, NOW);
        assertThat(second.call().nonce()).isNotEqualTo(challenge.call().nonce());
        assertThat(second.id()).isNotEqualTo(challenge.id());
        byte[] nonce = challenge.call().nonce();
        nonce[0] ^= 1;
        assertThat(challenge.call().nonce()).isNotEqualTo(nonce);
    }

    private byte[] key() {
        byte[] k = new byte[Hmac.KEY_BYTES];
        random.nextBytes(k);
        return k;
    }

    static void assertRefused(Runnable step, ProviderRefusal reason) {
        assertThatThrownBy(step::run)
                .isInstanceOfSatisfying(ProviderRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
