package org.ems.testing.jta;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.util.Objects;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;

/**
 * Hibernate's view of the harness's Narayana transaction manager. Hibernate's own
 * synchronizations are registered as <em>interposed</em> ones through the
 * TransactionSynchronizationRegistry, as an application server does, so that its
 * before-completion flush runs after application synchronizations and before any resource is
 * prepared.
 */
final class NarayanaJtaPlatform implements JtaPlatform {

    private static final long serialVersionUID = 1L;

    private final transient TransactionManager transactionManager;
    private final transient UserTransaction userTransaction;
    private final transient TransactionSynchronizationRegistry synchronizationRegistry;

    NarayanaJtaPlatform(TransactionManager transactionManager, UserTransaction userTransaction,
            TransactionSynchronizationRegistry synchronizationRegistry) {
        this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
        this.userTransaction = Objects.requireNonNull(userTransaction, "userTransaction");
        this.synchronizationRegistry = Objects.requireNonNull(synchronizationRegistry, "synchronizationRegistry");
    }

    @Override
    public TransactionManager retrieveTransactionManager() {
        return transactionManager;
    }

    @Override
    public UserTransaction retrieveUserTransaction() {
        return userTransaction;
    }

    @Override
    public Object getTransactionIdentifier(Transaction transaction) {
        // Narayana's TransactionImple implements equals/hashCode on the transaction's Uid.
        return transaction;
    }

    @Override
    public boolean canRegisterSynchronization() {
        return synchronizationRegistry.getTransactionStatus() == Status.STATUS_ACTIVE;
    }

    @Override
    public void registerSynchronization(Synchronization synchronization) {
        synchronizationRegistry.registerInterposedSynchronization(synchronization);
    }

    @Override
    public int getCurrentStatus() throws SystemException {
        return transactionManager.getStatus();
    }
}
