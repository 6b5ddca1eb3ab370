package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.bank.domain.BankFixtures.T0;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.domain.BankFixtures.number;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Journal entries balance by construction and cannot be changed. */
class JournalEntryTest {

    private static final AccountNumber A = number("1");
    private static final AccountNumber B = number("2");
    private static final AccountNumber C = number("3");

    @Test
    void aBalancedEntryKeepsItsLines() {
        List<JournalLine> lines = List.of(JournalLine.debit(A, jpy(100)), JournalLine.credit(B, jpy(60)),
                JournalLine.credit(C, jpy(40)));
        JournalEntry entry = new JournalEntry(UUID.randomUUID(), "k-1", EntryKind.DEPOSIT_FROM_EMS, lines, null, null, T0);
        assertThat(entry.lines()).isEqualTo(lines);
        assertThat(entry.reversedLines()).containsExactly(JournalLine.credit(A, jpy(100)), JournalLine.debit(B, jpy(60)),
                JournalLine.debit(C, jpy(40)));
        assertThatThrownBy(() -> entry.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnbalancedEntryIsRefused() {
        refused(List.of(JournalLine.debit(A, jpy(100)), JournalLine.credit(B, jpy(99))));
        // Balanced in total but not per currency.
        refused(List.of(JournalLine.debit(A, jpy(100)), JournalLine.credit(B, LedgerAmount.of(100, "USD"))));
    }

    @Test
    void tooFewTooManyOrRepeatedAccountsAreRefused() {
        refused(List.of(JournalLine.debit(A, jpy(1))));
        refused(List.of(JournalLine.debit(A, jpy(1)), JournalLine.credit(A, jpy(1))));
        List<JournalLine> many = new ArrayList<>();
        for (int i = 0; i <= JournalEntry.MAX_LINES; i += 2) {
            many.add(JournalLine.debit(number("1" + i), jpy(1)));
            many.add(JournalLine.credit(number("2" + i), jpy(1)));
        }
        refused(many);
        assertThatThrownBy(() -> JournalLine.debit(A, jpy(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAReversalNamesTheEntryItReverses() {
        List<JournalLine> lines = List.of(JournalLine.debit(A, jpy(1)), JournalLine.credit(B, jpy(1)));
        assertThatThrownBy(() -> new JournalEntry(UUID.randomUUID(), "k", EntryKind.REVERSAL, lines, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalEntry(UUID.randomUUID(), "k", EntryKind.POS_TRANSFER, lines, UUID.randomUUID(),
                null, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAndReferencesAreBounded() {
        List<JournalLine> lines = List.of(JournalLine.debit(A, jpy(1)), JournalLine.credit(B, jpy(1)));
        for (String bad : new String[] {null, "", "has space", "k".repeat(JournalEntry.MAX_KEY_LENGTH + 1), "é"}) {
            assertThatThrownBy(() -> new JournalEntry(UUID.randomUUID(), bad, EntryKind.POS_TRANSFER, lines, null, null, T0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new JournalEntry(UUID.randomUUID(), "k", EntryKind.POS_TRANSFER, lines, null,
                "t".repeat(JournalEntry.MAX_REFERENCE_LENGTH + 1), T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameContentIgnoresOnlyTheTimeAndId() {
        List<JournalLine> lines = List.of(JournalLine.debit(A, jpy(1)), JournalLine.credit(B, jpy(1)));
        JournalEntry entry = new JournalEntry(UUID.randomUUID(), "k", EntryKind.POS_TRANSFER, lines, null, "T1", T0);
        assertThat(entry.sameContentAs(EntryKind.POS_TRANSFER, List.copyOf(lines), null, "T1")).isTrue();
        assertThat(entry.sameContentAs(EntryKind.POS_TRANSFER, lines, null, "T2")).isFalse();
        assertThat(entry.sameContentAs(EntryKind.WITHDRAWAL_TO_EMS, lines, null, "T1")).isFalse();
        assertThat(entry.sameContentAs(EntryKind.POS_TRANSFER,
                List.of(JournalLine.debit(A, jpy(2)), JournalLine.credit(B, jpy(2))), null, "T1")).isFalse();
    }

    private static void refused(List<JournalLine> lines) {
        assertThatThrownBy(() -> new JournalEntry(UUID.randomUUID(), "k", EntryKind.POS_TRANSFER, lines, null, null, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
