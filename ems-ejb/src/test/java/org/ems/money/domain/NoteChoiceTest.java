package org.ems.money.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.money.domain.NoteFixtures.A;
import static org.ems.money.domain.NoteFixtures.B;
import static org.ems.money.domain.NoteFixtures.NOW;
import static org.ems.money.domain.NoteFixtures.usd;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NoteChoiceTest {

    private static final long RECEIVED = 10_000;
    private static final int[] DAYS = {3, 20, 90, 300};
    /** Notes held by A: for each expiry, one with 2 records (withdrawn), 3 (via B) and 4 (A -> B -> A). */
    private static final List<Note> POOL = pool();

    private static List<Note> pool() {
        List<Note> pool = new ArrayList<>();
        for (int days : DAYS) {
            var expiry = NOW.plus(Duration.ofDays(days)).plusSeconds(1);
            Note withdrawn = NoteFixtures.withdrawnBy(A, RECEIVED, expiry);
            pool.add(withdrawn);
            pool.add(NoteFixtures.pay(NoteFixtures.withdrawnBy(B, RECEIVED, expiry), B, A, RECEIVED, 1));
            pool.add(NoteFixtures.pay(NoteFixtures.pay(withdrawn, A, B, RECEIVED, 1), B, A, RECEIVED, 1));
        }
        return pool;
    }

    private static HeldNote held(int poolIndex, long remaining) {
        return new HeldNote(POOL.get(poolIndex), usd(remaining), 1);
    }

    @Test
    void prefersFewestNotes() {
        List<HeldNote> held = List.of(held(0, 300), held(3, 300), held(6, 700));
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(700), NOW);
        assertThat(choice.picks()).extracting(NoteChoice.Pick::note).containsExactly(held.get(2));
    }

    @Test
    void thenFewestTransfers() {
        // index 1 has 3 records (3 days left), index 3 has 2 (20 days): transfers count before days
        List<HeldNote> held = List.of(held(1, 900), held(3, 800));
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(500), NOW);
        assertThat(choice.picks()).extracting(NoteChoice.Pick::note).containsExactly(held.get(1));
        assertThat(choice.transferCount()).isEqualTo(2);
    }

    @Test
    void thenFewestMonetaryUnitDays() {
        // same record count, 3 days left versus 300: pass the one closest to expiry
        List<HeldNote> held = List.of(held(9, 900), held(0, 800));
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(500), NOW);
        assertThat(choice.picks()).extracting(NoteChoice.Pick::note).containsExactly(held.get(1));
        assertThat(choice.monetaryUnitDays()).isEqualTo(BigInteger.valueOf(500 * 3));
    }

    @Test
    void usesOnlyTheLastNotePartially() {
        List<HeldNote> held = List.of(held(0, 600), held(9, 600));
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(1000), NOW);
        assertThat(choice.picks()).extracting(NoteChoice.Pick::amount).containsExactly(usd(600), usd(400));
        assertThat(choice.picks().get(0).note()).isEqualTo(held.get(0)); // 3 days left: used whole
    }

    @Test
    void insufficientFundsIsATypedRefusal() {
        List<HeldNote> held = List.of(held(0, 600), held(3, 300));
        assertThatThrownBy(() -> NoteChoice.choose(held, usd(901), NOW)).isInstanceOfSatisfying(InsufficientFundsException.class,
                e -> assertThat(e.available()).isEqualTo(usd(900)));
        assertThatThrownBy(() -> NoteChoice.choose(List.of(), usd(1), NOW)).isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void ignoresOtherCurrenciesAndExpiredNotes() {
        Note expired = NoteFixtures.withdrawnBy(A, 5000, NOW.minusSeconds(1));
        List<HeldNote> held = List.of(HeldNote.received(expired), held(0, 100));
        assertThatThrownBy(() -> NoteChoice.choose(held, usd(200), NOW)).isInstanceOf(InsufficientFundsException.class);
        assertThatThrownBy(() -> NoteChoice.choose(held, Money.of(CurrencyCode.of("EUR"), 1), NOW))
                .isInstanceOf(InsufficientFundsException.class);
        assertThatThrownBy(() -> NoteChoice.choose(held, usd(0), NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void chosenAmountsSumExactlyAndOnlyTheLastIsPartial(@ForAll("holdings") List<HeldNote> held,
            @ForAll @IntRange(min = 1, max = 100) int percent) {
        long total = held.stream().mapToLong(note -> note.remaining().amountMinor()).sum();
        long amount = Math.max(1, total * percent / 100);
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(amount), NOW);
        assertThat(choice.total()).isEqualTo(usd(amount));
        List<NoteChoice.Pick> picks = choice.picks();
        for (int i = 0; i < picks.size(); i++) {
            NoteChoice.Pick pick = picks.get(i);
            assertThat(pick.amount().isPositive()).isTrue();
            assertThat(pick.amount().compareTo(pick.note().remaining())).isLessThanOrEqualTo(0);
            if (i < picks.size() - 1) {
                assertThat(pick.amount()).isEqualTo(pick.note().remaining());
            }
        }
    }

    @Property(tries = 300)
    void noBetterChoiceExists(@ForAll("holdings") List<HeldNote> held, @ForAll @IntRange(min = 1, max = 100) int percent) {
        long total = held.stream().mapToLong(note -> note.remaining().amountMinor()).sum();
        long amount = Math.max(1, total * percent / 100);
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(amount), NOW);
        long[] chosen = {choice.picks().size(), choice.transferCount(), choice.monetaryUnitDays().longValueExact()};
        assertThat(chosen).isEqualTo(bruteForceBest(held, amount));
    }

    /** Every subset, every choice of the partial note: the least (notes, transfers, unit-days). */
    private static long[] bruteForceBest(List<HeldNote> held, long amount) {
        long[] best = null;
        for (int mask = 1; mask < (1 << held.size()); mask++) {
            List<HeldNote> subset = new ArrayList<>();
            for (int i = 0; i < held.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    subset.add(held.get(i));
                }
            }
            for (HeldNote partial : subset) {
                long[] key = evaluate(subset, partial, amount);
                if (key != null && (best == null || java.util.Arrays.compare(key, best) < 0)) {
                    best = key;
                }
            }
        }
        return best;
    }

    /** All but {@code partial} used whole, {@code partial} gives 1..remaining; null if that does not make the amount. */
    private static long[] evaluate(List<HeldNote> subset, HeldNote partial, long amount) {
        long whole = 0;
        long transfers = 0;
        long unitDays = 0;
        for (HeldNote note : subset) {
            transfers += note.transferCount();
            if (note != partial) {
                whole += note.remaining().amountMinor();
                unitDays += note.remaining().amountMinor() * NoteChoice.daysLeft(note, NOW);
            }
        }
        long rest = amount - whole;
        if (rest < 1 || rest > partial.remaining().amountMinor()) {
            return null;
        }
        unitDays += rest * NoteChoice.daysLeft(partial, NOW);
        return new long[] {subset.size(), transfers, unitDays};
    }

    @Provide
    Arbitrary<List<HeldNote>> holdings() {
        Arbitrary<HeldNote> one = Arbitraries.integers().between(0, POOL.size() - 1)
                .flatMap(index -> Arbitraries.longs().between(1, RECEIVED).map(remaining -> held(index, remaining)));
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Test
    void manyNotesStayWithinTheSearchBudgetAndStillPayExactly() {
        List<HeldNote> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            held.add(held(i % POOL.size(), 1 + (i * 37L) % RECEIVED));
        }
        long total = held.stream().mapToLong(note -> note.remaining().amountMinor()).sum();
        NoteChoice.Choice choice = NoteChoice.choose(held, usd(total / 2), NOW);
        assertThat(choice.total()).isEqualTo(usd(total / 2));
    }
}
