package org.ems.bank.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ems.bank.domain.BankFixtures.PIN;
import static org.ems.bank.domain.BankFixtures.T0;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.domain.BankFixtures.number;

import java.util.List;
import java.util.Random;
import javax.transaction.xa.XAException;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankFixtures;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankRefusedException;
import org.ems.bank.domain.EntryKind;
import org.ems.bank.domain.JournalEntry;
import org.ems.bank.domain.JournalLine;
import org.ems.bank.domain.LedgerAmount;
import org.ems.bank.domain.TrialBalance;
import org.ems.testing.jta.CommitFailedException;
import org.ems.testing.jta.TestXAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger in real JTA transactions: what persists, what rolls back, and the trial balance over many postings. */
class JpaBankRepositoryTest {

    static final AccountNumber ALICE = number("100");
    static final AccountNumber SHOP = number("200");
    static final AccountNumber CLEARING = number("900");
    static final AccountNumber CAPITAL = number("999");

    private BankJtaFixture f;

    @BeforeEach
    void start() {
        f = new BankJtaFixture("bank");
        openAccounts(f, 10_000);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static void openAccounts(BankJtaFixture f, long aliceOpeningMinor) {
        f.harness.inTransaction(em -> {
            f.ledger.open(BankFixtures.deposit("100", "JPY", 0));
            f.ledger.open(BankFixtures.deposit("200", "JPY", 0));
            f.ledger.open(BankFixtures.internal("900", "JPY"));
            f.ledger.open(BankFixtures.internal("999", "JPY"));
        });
        f.harness.inTransaction(em -> {
            f.ledger.post("open-alice", EntryKind.OPENING_BALANCE, CAPITAL, ALICE, jpy(aliceOpeningMinor), T0);
            f.ledger.assignTerminal("POS-1", SHOP, T0);
        });
    }

    @Test
    void aPostingPersistsWithItsLinesAndBalances() {
        JournalEntry posted = f.harness.fromTransaction(em ->
                f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0));

        JournalEntry reloaded = f.harness.fromTransaction(em -> f.repository.findEntry(posted.id()).orElseThrow());
        assertThat(reloaded.lines()).containsExactly(JournalLine.debit(ALICE, jpy(3_000)), JournalLine.credit(CLEARING, jpy(3_000)));
        assertThat(reloaded.idempotencyKey()).isEqualTo("w-1");
        assertThat(reloaded.postedAt()).isEqualTo(T0);
        assertThat(f.balance(ALICE)).isEqualTo(jpy(7_000));
        assertThat(f.balance(CLEARING)).isEqualTo(jpy(3_000));
        assertLedgerConsistent(f, List.of(ALICE, SHOP, CLEARING, CAPITAL));
    }

    @Test
    void aRepeatedIdempotencyKeyPostsOnce() {
        JournalEntry first = f.harness.fromTransaction(em ->
                f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0));
        JournalEntry again = f.harness.fromTransaction(em ->
                f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0.plusSeconds(1)));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(f.balance(ALICE)).isEqualTo(jpy(7_000));
        assertThat(f.entryCount()).isEqualTo(2);
    }

    @Test
    void aPosSaleAndItsReversalPersist() {
        JournalEntry sale = f.harness.fromTransaction(em ->
                f.ledger.posTransfer("s-1", ALICE, PIN, SHOP, jpy(2_000), "POS-1", T0));
        f.harness.inTransaction(em -> f.ledger.reverse(sale.id(), "r-1", T0));
        assertThatThrownBy(() -> f.harness.inTransaction(em -> f.ledger.reverse(sale.id(), "r-2", T0)))
                .isInstanceOf(BankRefusedException.class)
                .satisfies(e -> assertThat(((BankRefusedException) e).reason()).isEqualTo(BankRefusal.ALREADY_REVERSED));
        assertThat(f.balance(ALICE)).isEqualTo(jpy(10_000));
        assertThat(f.balance(SHOP)).isEqualTo(jpy(0));
        JournalEntry reversal = f.harness.fromTransaction(em -> f.repository.findReversalOf(sale.id()).orElseThrow());
        assertThat(reversal.reverses()).isEqualTo(sale.id());
    }

    @Test
    void aFailureAfterTheDebitRollsBackBothSides() {
        assertThatThrownBy(() -> f.harness.inTransaction(em -> {
            f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0);
            em.flush(); // the debit and credit have reached the database inside the transaction
            throw new IllegalStateException("the reply could not be sent");
        })).hasMessage("the reply could not be sent");

        assertThat(f.balance(ALICE)).isEqualTo(jpy(10_000));
        assertThat(f.balance(CLEARING)).isEqualTo(jpy(0));
        assertThat(f.entryCount()).isEqualTo(1);
    }

    @Test
    void aParticipantVotingNoAtPrepareRollsBackThePosting() {
        TestXAResource replyQueue = new TestXAResource("reply-queue").failNextPrepare(XAException.XA_RBROLLBACK);
        assertThatThrownBy(() -> f.harness.inTransaction(em -> {
            f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0);
            f.harness.enlist(replyQueue);
        })).isInstanceOf(CommitFailedException.class);

        assertThat(replyQueue.wasCommitted()).isFalse(); // XA_RB* at prepare: the branch is already rolled back
        assertThat(f.balance(ALICE)).isEqualTo(jpy(10_000));
        assertThat(f.balance(CLEARING)).isEqualTo(jpy(0));
        // The redelivered request then posts normally.
        f.harness.inTransaction(em -> f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0));
        assertThat(f.balance(ALICE)).isEqualTo(jpy(7_000));
    }

    @Test
    void theTrialBalanceHoldsAfterManyRandomPostings() {
        long seed = Long.getLong("ems.bank.seed", 20261130L);
        Random random = new Random(seed);
        List<AccountNumber> all = List.of(ALICE, SHOP, CLEARING, CAPITAL);
        List<JournalEntry> posted = new java.util.ArrayList<>();
        EntryKind[] kinds = {EntryKind.WITHDRAWAL_TO_EMS, EntryKind.DEPOSIT_FROM_EMS, EntryKind.POS_TRANSFER};
        int refusals = 0;
        for (int i = 0; i < 200; i++) {
            AccountNumber from = all.get(random.nextInt(all.size()));
            AccountNumber to = all.get(random.nextInt(all.size()));
            LedgerAmount amount = jpy(1 + random.nextInt(5_000));
            String key = "k-" + i;
            try {
                if (!posted.isEmpty() && random.nextInt(10) == 0) {
                    JournalEntry target = posted.get(random.nextInt(posted.size()));
                    f.harness.inTransaction(em -> f.ledger.reverse(target.id(), key, T0));
                } else {
                    EntryKind kind = kinds[random.nextInt(kinds.length)];
                    posted.add(f.harness.fromTransaction(em -> f.ledger.post(key, kind, from, to, amount, T0)));
                }
            } catch (BankRefusedException refused) {
                refusals++;
            }
        }
        assertThat(refusals).as("seed " + seed).isBetween(1, 199);
        assertLedgerConsistent(f, all);
    }

    /** The pair assertion: balances sum to zero, debits equal credits, and each balance equals its journal. */
    static void assertLedgerConsistent(BankJtaFixture f, List<AccountNumber> accounts) {
        TrialBalance trial = f.harness.fromTransaction(em -> f.ledger.trialBalance());
        assertThat(trial.balances()).as(trial.toString()).isTrue();
        assertThat(trial.lines()).extracting(TrialBalance.Line::currency).containsExactly("JPY");
        for (AccountNumber number : accounts) {
            long journal = f.harness.fromTransaction(em -> f.repository.journalBalanceMinor(number));
            assertThat(journal).as(number.toString()).isEqualTo(f.balance(number).minor());
        }
    }
}
