package org.ems.bank.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.bank.domain.AccountTest.refused;
import static org.ems.bank.domain.BankFixtures.BANK;
import static org.ems.bank.domain.BankFixtures.OTHER_BANK;
import static org.ems.bank.domain.BankFixtures.PIN;
import static org.ems.bank.domain.BankFixtures.T0;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.domain.BankFixtures.number;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger over an in-memory store: postings, idempotency, reversals, bank-POS, and every refusal changing nothing. */
class LedgerTest {

    private static final AccountNumber ALICE = number("100");
    private static final AccountNumber SHOP = number("200");
    private static final AccountNumber CLEARING = number("900");
    private static final AccountNumber CAPITAL = number("999");
    private static final AccountNumber ABROAD = new AccountNumber(OTHER_BANK, "001", "100");

    private InMemoryBankRepository repository;
    private Ledger ledger;

    @BeforeEach
    void open() {
        repository = new InMemoryBankRepository();
        ledger = new Ledger(BANK, repository);
        ledger.open(BankFixtures.deposit("100", "JPY", 0));
        ledger.open(BankFixtures.deposit("200", "JPY", 0));
        ledger.open(BankFixtures.internal("900", "JPY"));
        ledger.open(BankFixtures.internal("999", "JPY"));
        ledger.post("open-alice", EntryKind.OPENING_BALANCE, CAPITAL, ALICE, jpy(10_000), T0);
        ledger.assignTerminal("POS-1", SHOP, T0);
    }

    @Test
    void aWithdrawalToEmsMovesBothSidesAndBalances() {
        JournalEntry entry = ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(7_000));
        assertThat(ledger.balance(CLEARING)).isEqualTo(jpy(3_000));
        assertThat(entry.lines()).containsExactly(JournalLine.debit(ALICE, jpy(3_000)), JournalLine.credit(CLEARING, jpy(3_000)));
        assertTrialBalanceHolds();
    }

    @Test
    void aRepeatedKeyReturnsTheSameEntryAndPostsNothing() {
        JournalEntry first = ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0);
        JournalEntry again = ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0.plusSeconds(5));
        assertThat(again).isSameAs(first);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(7_000));
        assertThat(repository.entryCount()).isEqualTo(2);
    }

    @Test
    void aRepeatedKeyWithOtherContentIsAConflict() {
        ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0);
        refused(() -> ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_001), T0),
                BankRefusal.IDEMPOTENCY_CONFLICT);
        refused(() -> ledger.post("w-1", EntryKind.DEPOSIT_FROM_EMS, CLEARING, ALICE, jpy(3_000), T0),
                BankRefusal.IDEMPOTENCY_CONFLICT);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(7_000));
    }

    @Test
    void refusalsChangeNothing() {
        refused(() -> ledger.post("x1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(10_001), T0),
                BankRefusal.INSUFFICIENT_FUNDS);
        refused(() -> ledger.post("x2", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, LedgerAmount.of(1, "USD"), T0),
                BankRefusal.CURRENCY_MISMATCH);
        refused(() -> ledger.post("x3", EntryKind.WITHDRAWAL_TO_EMS, ALICE, number("404"), jpy(1), T0),
                BankRefusal.UNKNOWN_ACCOUNT);
        refused(() -> ledger.post("x4", EntryKind.WITHDRAWAL_TO_EMS, ALICE, ABROAD, jpy(1), T0), BankRefusal.FOREIGN_BANK);
        refused(() -> ledger.post("x5", EntryKind.WITHDRAWAL_TO_EMS, ALICE, ALICE, jpy(1), T0), BankRefusal.SAME_ACCOUNT);
        refused(() -> ledger.post("x6", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(0), T0), BankRefusal.NOT_POSITIVE);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(10_000));
        assertThat(ledger.balance(CLEARING)).isEqualTo(jpy(0));
        assertThat(repository.entryCount()).isEqualTo(1);
    }

    @Test
    void aClosedAccountIsNotActiveAndTakesNothing() {
        ledger.post("w-0", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(10_000), T0);
        repository.findAccount(ALICE).orElseThrow().close();
        assertThat(ledger.isActive(ALICE)).isFalse();
        assertThat(ledger.isActive(SHOP)).isTrue();
        assertThat(ledger.isActive(number("404"))).isFalse();
        assertThat(ledger.isActive(ABROAD)).isFalse();
        refused(() -> ledger.post("d-1", EntryKind.DEPOSIT_FROM_EMS, CLEARING, ALICE, jpy(1), T0), BankRefusal.ACCOUNT_CLOSED);
        assertThat(ledger.balance(CLEARING)).isEqualTo(jpy(10_000));
    }

    @Test
    void aReversalUndoesAnEntryOnceAndOnlyOnce() {
        JournalEntry withdrawal = ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0);
        JournalEntry reversal = ledger.reverse(withdrawal.id(), "r-1", T0);
        assertThat(reversal.reverses()).isEqualTo(withdrawal.id());
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(10_000));
        assertThat(ledger.balance(CLEARING)).isEqualTo(jpy(0));
        assertThat(ledger.reverse(withdrawal.id(), "r-1", T0)).isSameAs(reversal);
        refused(() -> ledger.reverse(withdrawal.id(), "r-2", T0), BankRefusal.ALREADY_REVERSED);
        refused(() -> ledger.reverse(reversal.id(), "r-3", T0), BankRefusal.NOT_REVERSIBLE);
        refused(() -> ledger.reverse(java.util.UUID.randomUUID(), "r-4", T0), BankRefusal.UNKNOWN_ENTRY);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(10_000));
        assertTrialBalanceHolds();
    }

    @Test
    void aPosSaleNeedsThePinAnAssignedTerminalAndItsAccount() {
        JournalEntry sale = ledger.posTransfer("s-1", ALICE, PIN, SHOP, jpy(2_500), "POS-1", T0);
        assertThat(sale.kind()).isEqualTo(EntryKind.POS_TRANSFER);
        assertThat(sale.reference()).isEqualTo("POS-1");
        assertThat(ledger.balance(SHOP)).isEqualTo(jpy(2_500));

        refused(() -> ledger.posTransfer("s-2", ALICE, "0000".toCharArray(), SHOP, jpy(1), "POS-1", T0), BankRefusal.WRONG_PIN);
        refused(() -> ledger.posTransfer("s-3", ALICE, PIN, SHOP, jpy(1), "POS-9", T0), BankRefusal.UNKNOWN_TERMINAL);
        refused(() -> ledger.posTransfer("s-4", ALICE, PIN, SHOP, jpy(1), "bad id!", T0), BankRefusal.UNKNOWN_TERMINAL);
        refused(() -> ledger.posTransfer("s-5", ALICE, PIN, CLEARING, jpy(1), "POS-1", T0),
                BankRefusal.TERMINAL_ACCOUNT_MISMATCH);
        refused(() -> ledger.posTransfer("s-6", ABROAD, PIN, SHOP, jpy(1), "POS-1", T0), BankRefusal.FOREIGN_BANK);
        refused(() -> ledger.posTransfer("s-7", ALICE, PIN, ABROAD, jpy(1), "POS-1", T0), BankRefusal.FOREIGN_BANK);
        refused(() -> ledger.posTransfer("s-8", ALICE, PIN, SHOP, jpy(7_501), "POS-1", T0), BankRefusal.INSUFFICIENT_FUNDS);
        assertThat(ledger.balance(ALICE)).isEqualTo(jpy(7_500));
        assertThat(ledger.balance(SHOP)).isEqualTo(jpy(2_500));
        assertTrialBalanceHolds();
    }

    @Test
    void aWrongPinRefusalNeverCarriesThePin() {
        try {
            ledger.posTransfer("s-2", ALICE, "8642".toCharArray(), SHOP, jpy(1), "POS-1", T0);
        } catch (BankRefusedException e) {
            assertThat(e.reason()).isEqualTo(BankRefusal.WRONG_PIN);
            assertThat(e.getMessage()).doesNotContain("8642").doesNotContain("4711");
            return;
        }
        throw new AssertionError("a wrong PIN was accepted");
    }

    @Test
    void accountsAndTerminalsAreOnlyOpenedAtThisBank() {
        refused(() -> ledger.open(new Account(ABROAD, "X", "JPY", AccountKind.DEPOSIT, 0, BankFixtures.pin(PIN), T0)),
                BankRefusal.FOREIGN_BANK);
        refused(() -> ledger.assignTerminal("POS-2", ABROAD, T0), BankRefusal.FOREIGN_BANK);
        refused(() -> ledger.assignTerminal("POS-2", number("404"), T0), BankRefusal.UNKNOWN_ACCOUNT);
    }

    private void assertTrialBalanceHolds() {
        TrialBalance trial = ledger.trialBalance();
        assertThat(trial.balances()).as(trial.toString()).isTrue();
        for (AccountNumber n : new AccountNumber[] {ALICE, SHOP, CLEARING, CAPITAL}) {
            assertThat(repository.journalBalanceMinor(n)).isEqualTo(ledger.balance(n).minor());
        }
    }
}
