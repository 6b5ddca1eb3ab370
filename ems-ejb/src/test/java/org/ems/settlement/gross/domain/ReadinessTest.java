package org.ems.settlement.gross.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.EXPIRES_AT;
import static org.ems.money.domain.NoteFixtures.GENERATOR;
import static org.ems.money.domain.NoteFixtures.ISSUED_AT;
import static org.ems.money.domain.NoteFixtures.RANDOM;
import static org.ems.money.domain.NoteFixtures.TELLER;

import java.util.List;
import org.ems.money.domain.CurrencyCode;
import org.ems.money.domain.HeldNote;
import org.ems.money.domain.Money;
import org.ems.money.domain.Note;
import org.ems.money.domain.NoteBody;
import org.ems.money.domain.NoteId;
import org.ems.money.domain.NoteType;
import org.ems.money.protocol.SettlementAmounts;
import org.junit.jupiter.api.Test;

/** A CSA is ready only in its session, not busy, and holding every amount in notes of its type and currency. */
class ReadinessTest {

    private static final CurrencyCode USD = CurrencyCode.of("USD");
    private static final CurrencyCode EUR = CurrencyCode.of("EUR");

    private static final List<HeldNote> HELD = List.of(held(NoteType.CURRENCY, Money.of(USD, 600)),
            held(NoteType.CURRENCY, Money.of(USD, 400)), held(NoteType.CURRENCY, Money.of(EUR, 300)),
            held(NoteType.CREDIT, Money.of(EUR, 900)));

    @Test
    void readyWhenEveryAmountIsHeldInNotesOfItsTypeAndCurrency() {
        SettlementAmounts sends = new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CURRENCY, Money.of(USD, 1000)),
                new SettlementAmounts.Line(NoteType.CURRENCY, Money.of(EUR, 300)),
                new SettlementAmounts.Line(NoteType.CREDIT, Money.of(EUR, 900))));
        assertThat(Readiness.of(true, false, sends, HELD)).isEqualTo(Readiness.READY);
        assertThat(Readiness.of(true, false, SettlementAmounts.none(), List.of())).isEqualTo(Readiness.READY);
    }

    @Test
    void notReadyShortOfOneAmountNamingIt() {
        Readiness short1 = Readiness.of(true, false, SettlementAmounts.ofCurrency(Money.of(USD, 1001)), HELD);
        assertThat(short1.ready()).isFalse();
        assertThat(short1.reason()).isEqualTo("holds USD 10.00 of the USD 10.01 CURRENCY to send");
        // credit notes do not cover a currency amount, and the other way round
        Readiness wrongType = Readiness.of(true, false, SettlementAmounts.ofCurrency(Money.of(EUR, 301)), HELD);
        assertThat(wrongType.ready()).isFalse();
        assertThat(Readiness.of(true, false, new SettlementAmounts(List.of(new SettlementAmounts.Line(NoteType.CREDIT,
                Money.of(USD, 1)))), HELD).ready()).isFalse();
        assertThat(Readiness.of(true, false, SettlementAmounts.ofCurrency(Money.of(CurrencyCode.of("GBP"), 1)), HELD).reason())
                .isEqualTo("holds GBP 0.00 of the GBP 0.01 CURRENCY to send");
    }

    @Test
    void notReadyOutsideItsSessionOrWhenBusyBeforeFundsAreLookedAt() {
        SettlementAmounts sends = SettlementAmounts.ofCurrency(Money.of(USD, 1));
        assertThat(Readiness.of(false, false, sends, HELD)).isEqualTo(new Readiness(false, "session not established"));
        assertThat(Readiness.of(true, true, sends, HELD)).isEqualTo(new Readiness(false, "busy in a payment, exchange or settlement"));
        assertThat(Readiness.of(false, true, SettlementAmounts.ofCurrency(Money.of(USD, 99_999)), List.of()).reason())
                .isEqualTo("session not established");
    }

    private static HeldNote held(NoteType type, Money amount) {
        NoteBody body = new NoteBody(NoteId.random(RANDOM), GENERATOR.id(), "BANK-1", ISSUED_AT, EXPIRES_AT, amount, type);
        Note issued = Note.issue(GENERATOR.cert(), GENERATOR.keys().getPrivate(), body, TELLER.id());
        return HeldNote.received(issued.transfer(TELLER.cert(), TELLER.keys().getPrivate(), A.id(), amount, ISSUED_AT.plusSeconds(60), 1));
    }
}
