package org.ems.testing.jta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ems.testing.jta.TestXAResource.Call;

/**
 * The harness gives real JTA outcomes: each test checks what is in the database afterwards from a
 * fresh transaction (a new persistence context), never what a cached entity says.
 */
class JtaHarnessTest {

    private static final String NAME = "jta-harness-test";
    /** Bounded waits: a concurrency bug fails the test instead of hanging the build. */
    private static final long WAIT_S = 10;

    private static JtaHarness harness;
    private static final AtomicLong nextId = new AtomicLong(1);

    @BeforeAll
    static void startHarness() {
        harness = JtaHarness.start(NAME, LedgerRow.class);
    }

    @AfterAll
    static void closeHarness() {
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void noTransactionIsLeftOnTheThread() throws SystemException {
        assertThat(harness.transactionManager().getStatus()).isEqualTo(Status.STATUS_NO_TRANSACTION);
    }

    @Test
    void commitPersists() {
        long id = nextId.getAndIncrement();

        Long returned = harness.fromTransaction(em -> {
            em.persist(new LedgerRow(id, 1_250));
            return id;
        });

        assertThat(returned).isEqualTo(id);
        assertThat(amountOf(id)).isEqualTo(1_250);
    }

    @Test
    void exceptionRollsBackAndIsRethrown() {
        long id = nextId.getAndIncrement();
        IllegalStateException boom = new IllegalStateException("boom");

        Consumer<EntityManager> failingWork = em -> {
            em.persist(new LedgerRow(id, 500));
            em.flush(); // the INSERT reached Derby inside the XA branch
            throw boom;
        };

        assertThatThrownBy(() -> harness.inTransaction(failingWork)).isSameAs(boom);

        assertThat(exists(id)).isFalse();
    }

    @Test
    void setRollbackOnlyRollsBack() {
        long id = nextId.getAndIncrement();

        harness.inTransaction(em -> {
            em.persist(new LedgerRow(id, 700));
            em.flush();
            try {
                harness.transactionManager().setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(exists(id)).isFalse();
    }

    @Test
    void failedFlushAtCommitIsReportedAndChangesNothing() {
        long id = nextId.getAndIncrement();
        long otherId = nextId.getAndIncrement();
        harness.inTransaction(em -> { em.persist(new LedgerRow(id, 100)); });

        // The duplicate key surfaces only when Hibernate flushes before completion.
        assertThatThrownBy(() -> harness.inTransaction(em -> {
            em.persist(new LedgerRow(otherId, 300));
            em.persist(new LedgerRow(id, 999));
        })).isInstanceOf(CommitFailedException.class)
                .hasCauseInstanceOf(RollbackException.class)
                .satisfies(e -> assertThat(causalChain(e)).hasAtLeastOneElementOfType(SQLIntegrityConstraintViolationException.class));

        assertThat(amountOf(id)).isEqualTo(100);
        assertThat(exists(otherId)).isFalse();
    }

    @Test
    void currentEntityManagerIsOnePerTransactionAndClosedAtCompletion() {
        List<EntityManager> seen = new ArrayList<>();

        harness.inTransaction(em -> {
            // What a repository under test receives, as if @PersistenceContext-injected.
            assertThat(harness.currentEntityManager()).isSameAs(em);
            assertThat(em.isJoinedToTransaction()).isTrue();
            seen.add(em);
        });
        harness.inTransaction(em -> {
            seen.add(em);
        });

        assertThat(seen.get(0)).isNotSameAs(seen.get(1));
        assertThat(seen).allSatisfy(em -> assertThat(em.isOpen()).isFalse());
    }

    @Test
    void injectedRepositoryWorksInTheTransactionsPersistenceContext() {
        LedgerRowRepository repository = harness.injectPersistenceContexts(new LedgerRowRepository());
        long id = nextId.getAndIncrement();

        harness.inTransaction(em -> {
            LedgerRow row = new LedgerRow(id, 42);
            repository.store(row);
            assertThat(em.contains(row)).isTrue();
            assertThat(repository.find(id)).isSameAs(row);
        });
        LedgerRow stored = harness.fromTransaction(em -> repository.find(id));

        assertThat(stored.amountMinor()).isEqualTo(42);
        boolean managedInNextTransaction = harness.fromTransaction(em -> repository.isManaged(stored));
        assertThat(managedInNextTransaction).isFalse();
        assertThatThrownBy(() -> repository.find(id))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no active JTA transaction");
        assertThatThrownBy(() -> harness.transactionScopedEntityManager().close())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesCurrentEntityManagerWithoutTransactionAndNestedTransactions() {
        assertThatThrownBy(() -> harness.currentEntityManager())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no active JTA transaction");

        long id = nextId.getAndIncrement();
        assertThatThrownBy(() -> harness.inTransaction(em -> {
            em.persist(new LedgerRow(id, 1));
            harness.inTransaction(inner -> { });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("do not nest");

        assertThat(exists(id)).isFalse();
    }

    @Test
    void databaseAndSecondResourceCommitTogether() {
        long id = nextId.getAndIncrement();
        TestXAResource messaging = new TestXAResource("messaging");

        harness.inTransaction(em -> {
            em.persist(new LedgerRow(id, 4_200));
            em.flush();
            harness.enlist(messaging);
        });

        assertThat(exists(id)).isTrue();
        // Two participants: a real two-phase commit, not the one-phase optimisation.
        assertThat(messaging.calls()).containsExactly(Call.START, Call.END, Call.PREPARE, Call.COMMIT);
    }

    @Test
    void secondResourceVotingNoAtPrepareRollsBackThePreparedDatabaseBranch() {
        long id = nextId.getAndIncrement();
        List<String> derbyGlobalTransactionsAtPrepare = new CopyOnWriteArrayList<>();
        TestXAResource messaging = new TestXAResource("messaging")
                .beforePrepare(() -> derbyGlobalTransactionsAtPrepare.addAll(derbyGlobalTransactionStatuses()))
                .failNextPrepare(XAException.XA_RBROLLBACK);

        assertThatThrownBy(() -> harness.inTransaction(em -> {
            em.persist(new LedgerRow(id, 9_900));
            em.flush(); // Derby is enlisted first, so it is prepared first
            harness.enlist(messaging);
        })).isInstanceOf(CommitFailedException.class)
                .hasCauseInstanceOf(RollbackException.class);

        // Derby had voted yes (its branch was PREPARED) when the second resource voted no ...
        assertThat(derbyGlobalTransactionsAtPrepare).containsExactly("PREPARED");
        // ... a no vote (XA_RB*) means that resource already rolled back its branch, so the
        // coordinator must not call rollback on it (XA spec) ...
        assertThat(messaging.calls()).containsExactly(Call.START, Call.END, Call.PREPARE);
        // ... and it rolled the prepared Derby branch back: no row, no branch left in doubt.
        assertThat(exists(id)).isFalse();
        assertThat(derbyGlobalTransactionStatuses()).isEmpty();
    }

    @Test
    void heuristicRollbackOfSecondResourceAfterPrepareIsReportedAsMixedOutcome() throws IOException {
        long id = nextId.getAndIncrement();
        TestXAResource messaging = new TestXAResource("messaging").failNextCommit(XAException.XA_HEURRB);
        long loggedBefore = transactionLogsInObjectStore();

        assertThatThrownBy(() -> harness.inTransaction(em -> {
            em.persist(new LedgerRow(id, 123));
            em.flush();
            harness.enlist(messaging);
        })).isInstanceOf(CommitFailedException.class)
                .hasCauseInstanceOf(HeuristicMixedException.class);

        // The window 2PC cannot close: the database committed, the other resource did not ...
        assertThat(exists(id)).isTrue();
        assertThat(messaging.calls()).containsExactly(Call.START, Call.END, Call.PREPARE, Call.COMMIT);
        // ... and both sides remember it: the resource its heuristic branch, Narayana its log entry.
        assertThat(messaging.recover(XAResource.TMSTARTRSCAN)).hasSize(1);
        assertThat(transactionLogsInObjectStore()).isEqualTo(loggedBefore + 1);
    }

    @Test
    void concurrentTransactionsOnTwoThreadsBothCommit() throws Exception {
        long first = nextId.getAndIncrement();
        long second = nextId.getAndIncrement();
        // Both transactions have written before either commits.
        CountDownLatch bothWritten = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<EntityManager> a = threads.submit(() -> writeAndWait(first, bothWritten));
            Future<EntityManager> b = threads.submit(() -> writeAndWait(second, bothWritten));

            assertThat(a.get(WAIT_S, TimeUnit.SECONDS)).isNotSameAs(b.get(WAIT_S, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(amountOf(first)).isEqualTo(first * 10);
        assertThat(amountOf(second)).isEqualTo(second * 10);
    }

    @Test
    void harnessesAreIsolatedAndANewHarnessOfTheSameNameStartsEmpty() {
        long id = nextId.getAndIncrement();
        String otherName = NAME + "-other";

        assertThatThrownBy(() -> JtaHarness.start(NAME, LedgerRow.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");

        try (JtaHarness other = JtaHarness.start(otherName, LedgerRow.class)) {
            other.inTransaction(em -> { em.persist(new LedgerRow(id, 1)); });
            LedgerRow inOther = other.fromTransaction(em -> em.find(LedgerRow.class, id));
            assertThat(inOther).isNotNull();
            assertThat(exists(id)).isFalse();
        }

        try (JtaHarness again = JtaHarness.start(otherName, LedgerRow.class)) {
            LedgerRow afterRestart = again.fromTransaction(em -> em.find(LedgerRow.class, id));
            assertThat(afterRestart).isNull();
        }
    }

    private static EntityManager writeAndWait(long id, CountDownLatch bothWritten) {
        AtomicReference<EntityManager> used = new AtomicReference<>();
        harness.inTransaction(em -> {
            em.persist(new LedgerRow(id, id * 10));
            em.flush();
            bothWritten.countDown();
            try {
                if (!bothWritten.await(WAIT_S, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other transaction never wrote");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            used.set(em);
        });
        return used.get();
    }

    private static boolean exists(long id) {
        return harness.fromTransaction(em -> em.find(LedgerRow.class, id) != null);
    }

    private static long amountOf(long id) {
        LedgerRow row = harness.fromTransaction(em -> em.find(LedgerRow.class, id));
        assertThat(row).as("row %s", id).isNotNull();
        return row.amountMinor();
    }

    private static List<Throwable> causalChain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Transactions Narayana keeps in its log (in doubt, or with a heuristic outcome for an operator). */
    private static long transactionLogsInObjectStore() throws IOException {
        Path store = harness.objectStoreDir();
        if (!Files.exists(store)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getParent().getFileName().toString().equals("AtomicAction"))
                    .count();
        }
    }

    /** Derby's view of its XA branches, read on a plain connection outside JTA. */
    private static List<String> derbyGlobalTransactionStatuses() {
        try (Connection direct = harness.openDirectConnection();
                Statement query = direct.createStatement();
                ResultSet rows = query.executeQuery(
                        "SELECT STATUS FROM SYSCS_DIAG.TRANSACTION_TABLE WHERE GLOBAL_XID IS NOT NULL")) {
            List<String> statuses = new ArrayList<>();
            while (rows.next()) {
                statuses.add(rows.getString(1).trim());
            }
            return statuses;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
