package org.ems.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.provider.domain.CallbackChallengeTest.assertRefused;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.PinHash;
import org.junit.jupiter.api.Test;

class IcCardTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final byte[] issuingKey = new byte[Hmac.KEY_BYTES];
    private final IcCard card = IcCard.issue("CARD-1", "2468".toCharArray(), random, PinHash.MIN_ITERATIONS, NOW);
    private final CardPurse purse = new CardPurse("CARD-1", "JPY");

    @Test
    void theRightPinOpensThePurseAndWrongPinsBlockTheCard() {
        assertThat(card.open("2468".toCharArray(), purse)).isSameAs(purse);

        assertRefused(() -> card.open("1111".toCharArray(), purse), ProviderRefusal.WRONG_CARD_PIN);
        assertRefused(() -> card.open("1112".toCharArray(), purse), ProviderRefusal.WRONG_CARD_PIN);
        assertThat(card.wrongPins()).isEqualTo(2);
        card.open("2468".toCharArray(), purse);
        assertThat(card.wrongPins()).isZero();

        for (int i = 0; i < IcCard.MAX_WRONG_PINS; i++) {
            assertRefused(() -> card.open("0000".toCharArray(), purse), ProviderRefusal.WRONG_CARD_PIN);
        }
        assertThat(card.isBlocked()).isTrue();
        assertRefused(() -> card.open("2468".toCharArray(), purse), ProviderRefusal.CARD_BLOCKED);
    }

    @Test
    void anotherCardsPurseIsNotOpened() {
        CardPurse other = new CardPurse("CARD-2", "JPY");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> card.open("2468".toCharArray(), other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void creditsAreIdempotentPerIssueAndDebitsPerKey() {
        EmoneyIssue first = issue(3_000);
        EmoneyIssue second = issue(2_000);
        purse.credit("chg-1", first);
        purse.credit("chg-1", first);
        purse.credit("chg-2", second);
        assertThat(purse.balance()).isEqualTo(jpy(5_000));

        List<EmoneyPiece> pieces = purse.debit("sale-1", jpy(4_000));
        assertThat(pieces).extracting(p -> p.amount().minor()).containsExactly(3_000L, 1_000L);
        assertThat(pieces).extracting(p -> p.issue().serial()).containsExactly(first.serial(), second.serial());
        assertThat(purse.debit("sale-1", jpy(4_000))).isEqualTo(pieces);
        assertThat(purse.balance()).isEqualTo(jpy(1_000));
        assertThat(pieces).allMatch(p -> p.issue().isGenuine(issuingKey));

        assertRefused(() -> purse.debit("sale-1", jpy(500)), ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertRefused(() -> purse.debit("sale-2", jpy(1_001)), ProviderRefusal.INSUFFICIENT_EMONEY);
        assertRefused(() -> purse.debit("sale-3", LedgerAmount.of(1, "USD")), ProviderRefusal.CURRENCY_MISMATCH);
        assertThat(purse.balance()).isEqualTo(jpy(1_000));
    }

    @Test
    void aForgedIssueDoesNotVerifyAndAChangedIssueUnderOneSerialConflicts() {
        EmoneyIssue genuine = issue(1_000);
        EmoneyIssue inflated = new EmoneyIssue(genuine.serial(), jpy(9_000), genuine.authenticator());
        assertThat(inflated.isGenuine(issuingKey)).isFalse();
        byte[] otherKey = new byte[Hmac.KEY_BYTES];
        otherKey[0] = 1;
        assertThat(EmoneyIssue.authenticate(otherKey, UUID.randomUUID(), jpy(10)).isGenuine(issuingKey)).isFalse();

        purse.credit("chg-1", genuine);
        assertRefused(() -> purse.credit("chg-1", inflated), ProviderRefusal.IDEMPOTENCY_CONFLICT);
        assertThat(purse.balance()).isEqualTo(jpy(1_000));
    }

    private EmoneyIssue issue(long minor) {
        return EmoneyIssue.authenticate(issuingKey, UUID.randomUUID(), jpy(minor));
    }

    private static LedgerAmount jpy(long minor) {
        return LedgerAmount.of(minor, "JPY");
    }
}
