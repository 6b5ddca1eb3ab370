package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.C;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.usd;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ems.security.domain.ModuleRole;

class NotePropertiesTest {

    private static final List<NoteFixtures.Party> PARTIES = List.of(A, B, C);
    private static final NoteVerifier VERIFIER = NoteFixtures.verifier();
    /** A withdrew 50.00, paid B 20.00, B paid C 7.50: a valid note of 4 records held by C. */
    private static final Note VALID = NoteFixtures.pay(NoteFixtures.pay(NoteFixtures.withdrawnBy(A, 5000), A, B, 2000, 1), B, C, 750, 1);

    /**
     * Random partial payments along random holders: every note sent verifies at its payee, and the
     * holder keeps exactly what it did not send.
     */
    @Property(tries = 40)
    void partialPaymentsAlongAChainVerifyAndConserveValue(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 100) Integer> percents,
            @ForAll @IntRange(min = 0, max = 2) int nextOffset) {
        HeldNote held = HeldNote.received(NoteFixtures.withdrawnBy(A, 10_000));
        int holder = 0;
        for (int percent : percents) {
            int payee = (holder + 1 + nextOffset % 2) % PARTIES.size();
            long amount = Math.max(1, held.remaining().amountMinor() * percent / 100);
            HeldNote.Paid paid = held.pay(PARTIES.get(holder).cert(), PARTIES.get(holder).keys().getPrivate(), PARTIES.get(payee).id(),
                    usd(amount), held.note().lastRecord().at().plusSeconds(60));
            Note sent = paid.sent();
            assertThatCode(() -> VERIFIER.verifyPayment(List.of(Note.decode(sent.encoded())), usd(amount), PARTIES.get(payee).id(),
                    ModuleRole.TRANSACTION, NOW, NoteHistory.empty())).doesNotThrowAnyException();
            Money kept = paid.kept().map(HeldNote::remaining).orElse(Money.zero(NoteFixtures.USD));
            assertThat(kept.plus(usd(amount))).isEqualTo(held.remaining());
            held = HeldNote.received(sent);
            holder = payee;
        }
    }

    /** Any single changed byte of a valid note is refused with a typed reason, never accepted, never another exception. */
    @Property(tries = 400)
    void anySingleByteChangeIsRefused(@ForAll @IntRange(min = 0, max = 1_000_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] encoded = VALID.encoded();
        encoded[position % encoded.length] ^= (byte) xor;
        assertThatThrownBy(() -> VERIFIER.verifyPayment(List.of(Note.decode(encoded)), usd(750), C.id(), ModuleRole.TRANSACTION, NOW,
                NoteHistory.empty())).isInstanceOf(NoteRejectedException.class);
    }
}
