package org.ems.bank.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ems.bank.domain.BankFixtures.T0;
import static org.ems.bank.domain.BankFixtures.jpy;
import static org.ems.bank.infrastructure.JpaBankRepositoryTest.ALICE;
import static org.ems.bank.infrastructure.JpaBankRepositoryTest.CAPITAL;
import static org.ems.bank.infrastructure.JpaBankRepositoryTest.CLEARING;
import static org.ems.bank.infrastructure.JpaBankRepositoryTest.SHOP;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ems.bank.domain.BankRefusal;
import org.ems.bank.domain.BankRefusedException;
import org.ems.bank.domain.EntryKind;
import org.ems.bank.domain.JournalEntry;
import org.ems.testing.jta.CommitFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Racing transactions on one account and one idempotency key. A barrier inside each transaction
 * makes every racer read before any commits, so the race is certain, not likely; the database
 * (unique key, {@code @Version}) decides, and a loser's retry sees the winner's result.
 */
class BankConcurrencyTest {

    /** Waits are bounded: a hung racer fails the test instead of the build. */
    private static final long WAIT_SECONDS = 30;
    private static final int MAX_ATTEMPTS = 5;

    private BankJtaFixture f;
    private ExecutorService threads;

    @BeforeEach
    void start() {
        f = new BankJtaFixture("bankrace");
        JpaBankRepositoryTest.openAccounts(f, 10_000);
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        f.close();
    }

    @Test
    void twoRacingDeliveriesOfOneRequestPostOnce() throws Exception {
        CyclicBarrier bothLookedUp = new CyclicBarrier(2);
        AtomicInteger commitFailures = new AtomicInteger();
        Callable<JournalEntry> delivery = () -> withRetries(commitFailures, bothLookedUp,
                () -> f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0));

        List<JournalEntry> results = runAll(List.of(delivery, delivery));

        assertThat(results.get(0).id()).isEqualTo(results.get(1).id());
        assertThat(commitFailures.get()).isEqualTo(1);
        assertThat(f.balance(ALICE)).isEqualTo(jpy(7_000));
        assertThat(f.entryCount()).isEqualTo(2);
        JpaBankRepositoryTest.assertLedgerConsistent(f, List.of(ALICE, SHOP, CLEARING, CAPITAL));
    }

    @Test
    void concurrentDebitsOfOneAccountNeverOverdrawIt() throws Exception {
        CyclicBarrier allRead = new CyclicBarrier(4);
        AtomicInteger commitFailures = new AtomicInteger();
        List<Callable<JournalEntry>> withdrawals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "w-" + i;
            withdrawals.add(() -> withRetries(commitFailures, allRead,
                    () -> f.ledger.post(key, EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0)));
        }

        List<JournalEntry> results = runAll(withdrawals);

        long approved = results.stream().filter(r -> r != null).count();
        assertThat(approved).isEqualTo(3); // 10,000 covers three withdrawals of 3,000, never four
        assertThat(commitFailures.get()).isPositive();
        assertThat(f.balance(ALICE)).isEqualTo(jpy(1_000));
        assertThat(f.balance(CLEARING)).isEqualTo(jpy(9_000));
        JpaBankRepositoryTest.assertLedgerConsistent(f, List.of(ALICE, SHOP, CLEARING, CAPITAL));
    }

    @Test
    void twoRacingReversalsOfOneEntryReverseItOnce() throws Exception {
        JournalEntry withdrawal = f.harness.fromTransaction(em ->
                f.ledger.post("w-1", EntryKind.WITHDRAWAL_TO_EMS, ALICE, CLEARING, jpy(3_000), T0));
        CyclicBarrier bothLookedUp = new CyclicBarrier(2);
        AtomicInteger commitFailures = new AtomicInteger();
        List<Callable<JournalEntry>> reversals = new ArrayList<>();
        for (String key : new String[] {"r-1", "r-2"}) {
            reversals.add(() -> withRetries(commitFailures, bothLookedUp, BankRefusal.ALREADY_REVERSED,
                    () -> f.ledger.reverse(withdrawal.id(), key, T0)));
        }

        List<JournalEntry> results = runAll(reversals);

        assertThat(results.stream().filter(r -> r != null).count()).isEqualTo(1);
        assertThat(commitFailures.get()).isEqualTo(1);
        assertThat(f.balance(ALICE)).isEqualTo(jpy(10_000));
        assertThat(f.entryCount()).isEqualTo(3);
        JpaBankRepositoryTest.assertLedgerConsistent(f, List.of(ALICE, SHOP, CLEARING, CAPITAL));
    }

    /**
     * Runs {@code post} in a transaction, retrying (with the same key, as a redelivery would) when
     * the commit loses a race; the first attempt waits at {@code barrier} after posting. Returns
     * null when the bank refused for the expected reason (insufficient funds unless given).
     */
    private JournalEntry withRetries(AtomicInteger commitFailures, CyclicBarrier barrier, Callable<JournalEntry> post)
            throws Exception {
        return withRetries(commitFailures, barrier, BankRefusal.INSUFFICIENT_FUNDS, post);
    }

    private JournalEntry withRetries(AtomicInteger commitFailures, CyclicBarrier barrier, BankRefusal expectedRefusal,
                                     Callable<JournalEntry> post) throws Exception {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            boolean first = attempt == 1;
            try {
                return f.harness.fromTransaction(em -> {
                    JournalEntry entry = call(post);
                    if (first) {
                        await(barrier);
                    }
                    return entry;
                });
            } catch (CommitFailedException lostTheRace) {
                commitFailures.incrementAndGet();
            } catch (BankRefusedException refused) {
                assertThat(refused.reason()).isEqualTo(expectedRefusal);
                if (first) {
                    await(barrier);
                }
                return null;
            }
        }
        throw new AssertionError("no outcome after " + MAX_ATTEMPTS + " attempts");
    }

    private List<JournalEntry> runAll(List<Callable<JournalEntry>> tasks) throws Exception {
        List<Future<JournalEntry>> futures = new ArrayList<>();
        for (Callable<JournalEntry> task : tasks) {
            futures.add(threads.submit(task));
        }
        List<JournalEntry> results = new ArrayList<>();
        for (Future<JournalEntry> future : futures) {
            results.add(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    private static JournalEntry call(Callable<JournalEntry> post) {
        try {
            return post.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("racer never met the others", e);
        }
    }
}
