package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.USD;
import static org.ems.money.domain.NoteFixtures.usd;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NoteDirectoryTest {

    private final Note first = NoteFixtures.withdrawnBy(A, 5000);
    private final Note second = NoteFixtures.withdrawnBy(A, 700);

    @Test
    void receivingAddsNotesAndTheBalance() {
        NoteDirectory directory = NoteDirectory.empty().withReceived(first).withReceived(second);
        assertThat(directory.size()).isEqualTo(2);
        assertThat(directory.balance(USD)).isEqualTo(usd(5700));
        assertThat(directory.balance(CurrencyCode.of("EUR"))).isEqualTo(Money.zero(CurrencyCode.of("EUR")));
        assertThat(directory.holds(first.lastTransferKey())).isTrue();
        assertThat(NoteDirectory.empty().size()).isZero();
    }

    @Test
    void receivingTheSameTransferTwiceIsADuplicate() {
        NoteDirectory directory = NoteDirectory.empty().withReceived(first);
        assertThatThrownBy(() -> directory.withReceived(first)).isInstanceOfSatisfying(NoteRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(NoteRejection.DUPLICATE));
    }

    @Test
    void payingPartKeepsTheRestAndPayingAllRemovesTheNote() {
        NoteDirectory directory = NoteDirectory.empty().withReceived(first).withReceived(second);
        NoteTransferKey key = first.lastTransferKey();
        HeldNote.Paid part = directory.find(key).orElseThrow()
                .pay(A.cert(), A.keys().getPrivate(), B.id(), usd(1200), NOW.minus(Duration.ofDays(1)));
        NoteDirectory afterPart = directory.afterPaying(key, part.kept());
        assertThat(afterPart.balance(USD)).isEqualTo(usd(4500));
        assertThat(afterPart.find(key).orElseThrow().nextSequence()).isEqualTo(2);
        assertThat(directory.balance(USD)).isEqualTo(usd(5700)); // unchanged: immutable

        NoteDirectory afterAll = afterPart.afterPaying(key, Optional.empty());
        assertThat(afterAll.holds(key)).isFalse();
        assertThat(afterAll.balance(USD)).isEqualTo(usd(700));
    }

    @Test
    void refusesToUnwindASequenceNumberOrSwapANote() {
        NoteDirectory directory = NoteDirectory.empty().withReceived(first);
        NoteTransferKey key = first.lastTransferKey();
        assertThatThrownBy(() -> directory.afterPaying(key, Optional.of(HeldNote.received(first))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.afterPaying(second.lastTransferKey(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
