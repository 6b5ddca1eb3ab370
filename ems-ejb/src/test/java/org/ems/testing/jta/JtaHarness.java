package org.ems.testing.jta;

import com.arjuna.ats.jta.common.jtaPropertyManager;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.TransactionRequirement;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import javax.transaction.xa.XAResource;
import org.apache.derby.jdbc.EmbeddedXADataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.hibernate.resource.jdbc.spi.PhysicalConnectionHandlingMode;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;

/**
 * Real JTA transactions for domain and repository code, outside the container, in about a
 * second: a fresh in-memory Derby database reached through its XA data source, pooled and
 * enlisted by Agroal in Narayana transactions, with Hibernate ORM bootstrapped without
 * persistence.xml as a JTA persistence unit over exactly the given entity classes.
 *
 * <p>Usage: start one per test class, inject repositories with
 * {@link #injectPersistenceContexts} (or hand them {@link #transactionScopedEntityManager()}), and
 * drive transactions with {@link #fromTransaction(Function)}. Within a transaction, the work, the
 * repositories and {@link #currentEntityManager()} share one persistence context, closed when the
 * transaction completes, as with {@code @PersistenceContext} in the container.
 *
 * <p>Work with a result goes through {@code fromTransaction}, work without one through
 * {@code inTransaction}: two names, because javac finds an expression lambda ambiguous between
 * a Function and a Consumer overload of one name.
 *
 * <p>Invariants:
 * <ul>
 *   <li>each harness owns its database {@code memory:<name>}: it is dropped before use (so it is
 *       empty even if an earlier harness of that name leaked or is still being dropped) and again
 *       after {@link #close()}; two open harnesses never share a name;</li>
 *   <li>{@link #inTransaction} never nests and always leaves the calling thread without a
 *       transaction, whatever the outcome;</li>
 *   <li>the persistence context handed to the work is the one {@link #currentEntityManager()}
 *       returns for that transaction.</li>
 * </ul>
 *
 * <p>Narayana is one transaction manager per JVM. The first harness opened while no other is open
 * points Narayana's object store at {@code target/narayana-<name>} (emptied first); a harness
 * opened while another is still open shares that store ({@link #objectStoreDir()} says which).
 */
public final class JtaHarness implements AutoCloseable {

    /** Enough for a few concurrent test threads; Derby in memory needs no more. */
    private static final int POOL_MAX_SIZE = 8;
    /** A test that waits longer than this for a connection has leaked one: fail, do not hang. */
    private static final Duration POOL_ACQUISITION_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final String name;
    private final Path objectStoreDir;
    private final TransactionManager transactionManager;
    private final TransactionSynchronizationRegistry synchronizationRegistry;
    private final AgroalDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    /** Key of this harness's EntityManager among a transaction's resources. */
    private final Object entityManagerKey;
    private final EntityManager transactionScopedEntityManager;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JtaHarness(String name, Path objectStoreDir, TransactionManager transactionManager,
            TransactionSynchronizationRegistry synchronizationRegistry, AgroalDataSource dataSource,
            EntityManagerFactory entityManagerFactory) {
        this.name = name;
        this.objectStoreDir = objectStoreDir;
        this.transactionManager = transactionManager;
        this.synchronizationRegistry = synchronizationRegistry;
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
        this.entityManagerKey = new EntityManagerKey(name);
        this.transactionScopedEntityManager = (EntityManager) Proxy.newProxyInstance(
                JtaHarness.class.getClassLoader(), new Class<?>[] {EntityManager.class},
                new TransactionScopedEntityManager(this));
    }

    /**
     * Starts a harness over a fresh in-memory database {@code memory:<name>} with the schema of
     * {@code entityClasses} created. {@code name}: a letter then up to 63 letters, digits,
     * {@code _} or {@code -}; unique among open harnesses.
     */
    public static JtaHarness start(String name, Class<?>... entityClasses) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("harness name must match " + VALID_NAME + ": " + name);
        }
        List<Class<?>> entities = List.of(entityClasses);
        Path storeDir = HarnessEnvironment.reserve(name);
        AgroalDataSource pool = null;
        try {
            HarnessEnvironment.dropDatabaseBeforeUse(name);
            TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
            UserTransaction ut = com.arjuna.ats.jta.UserTransaction.userTransaction();
            TransactionSynchronizationRegistry tsr =
                    jtaPropertyManager.getJTAEnvironmentBean().getTransactionSynchronizationRegistry();
            pool = openPool(name, tm, tsr);
            EntityManagerFactory emf = bootstrapHibernate(name, pool, entities, new NarayanaJtaPlatform(tm, ut, tsr));
            return new JtaHarness(name, storeDir, tm, tsr, pool, emf);
        } catch (RuntimeException | Error failure) {
            if (pool != null) {
                pool.close();
                HarnessEnvironment.dropDatabaseInBackground(name);
            }
            HarnessEnvironment.release(name);
            throw failure;
        }
    }

    /**
     * Runs {@code work} in a new JTA transaction with this transaction's EntityManager and
     * commits. If {@code work} throws, rolls back and rethrows the same exception. If
     * {@code work} marked the transaction rollback-only, rolls back and returns normally (as an
     * EJB container does). If the commit itself fails (a participant voted no, a flush failed at
     * before-completion, a heuristic outcome), throws {@link CommitFailedException}.
     *
     * @throws IllegalStateException if the calling thread is already in a transaction: harness
     *     transactions do not nest
     */
    public <T> T fromTransaction(Function<EntityManager, T> work) {
        requireOpen();
        begin();
        T result;
        try {
            result = work.apply(currentEntityManager());
        } catch (RuntimeException | Error failure) {
            rollbackAfter(failure);
            throw failure;
        }
        complete();
        return result;
    }

    /** {@link #fromTransaction(Function)} for work without a result. */
    public void inTransaction(Consumer<EntityManager> work) {
        fromTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /**
     * The EntityManager of the calling thread's JTA transaction, created and joined on first use
     * and closed when the transaction completes: the same instance for every caller within one
     * transaction, a new one in the next. Give this to repositories under test.
     *
     * @throws IllegalStateException without an active transaction on the calling thread
     */
    public EntityManager currentEntityManager() {
        requireOpen();
        int status = synchronizationRegistry.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("JTA harness '" + name
                    + "': no active JTA transaction on this thread (status " + status + ")");
        }
        EntityManager existing = (EntityManager) synchronizationRegistry.getResource(entityManagerKey);
        if (existing != null) {
            return existing;
        }
        if (status == Status.STATUS_MARKED_ROLLBACK) {
            // No synchronization can be registered any more, so nobody would close a new one.
            throw new IllegalStateException("JTA harness '" + name
                    + "': transaction is marked rollback-only before any EntityManager was used");
        }
        EntityManager created = entityManagerFactory.createEntityManager(SynchronizationType.SYNCHRONIZED);
        try {
            created.joinTransaction();
            synchronizationRegistry.putResource(entityManagerKey, created);
            synchronizationRegistry.registerInterposedSynchronization(new CloseAtCompletion(created));
        } catch (RuntimeException failure) {
            created.close();
            throw failure;
        }
        return created;
    }

    /**
     * Enlists a further XA participant (e.g. a {@link TestXAResource}) in the calling thread's
     * transaction.
     *
     * @throws IllegalStateException without a transaction, or if the transaction manager refuses
     */
    public void enlist(XAResource resource) {
        requireOpen();
        try {
            Transaction transaction = transactionManager.getTransaction();
            if (transaction == null) {
                throw new IllegalStateException("JTA harness '" + name + "': no transaction to enlist " + resource + " in");
            }
            if (!transaction.enlistResource(resource)) {
                throw new IllegalStateException("JTA harness '" + name + "': transaction refused " + resource);
            }
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException("JTA harness '" + name + "': cannot enlist " + resource, e);
        }
    }

    /**
     * What {@code @PersistenceContext} injects into a bean: one long-lived EntityManager that
     * delegates every call to {@link #currentEntityManager()} of the calling thread's transaction.
     * Like the container's, it cannot be closed; unlike it, it refuses work outside a transaction.
     */
    public EntityManager transactionScopedEntityManager() {
        return transactionScopedEntityManager;
    }

    /**
     * Sets every {@code @PersistenceContext} field of type EntityManager in {@code bean} (its class
     * and superclasses) to {@link #transactionScopedEntityManager()}, as the container would, and
     * returns {@code bean}: {@code repository = harness.injectPersistenceContexts(new JpaNoteRepository());}
     *
     * @throws IllegalArgumentException if {@code bean} has no such field
     */
    public <B> B injectPersistenceContexts(B bean) {
        int injected = 0;
        for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(PersistenceContext.class) && field.getType() == EntityManager.class) {
                    setField(bean, field, transactionScopedEntityManager);
                    injected++;
                }
            }
        }
        if (injected == 0) {
            throw new IllegalArgumentException(bean.getClass().getName() + " has no @PersistenceContext EntityManager field");
        }
        return bean;
    }

    public TransactionManager transactionManager() {
        return transactionManager;
    }

    public TransactionSynchronizationRegistry synchronizationRegistry() {
        return synchronizationRegistry;
    }

    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    /** The pooled XA data source Hibernate uses: connections taken in a transaction are enlisted in it. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A plain auto-commit connection to this harness's database, outside the pool and outside
     * JTA, for assertions that must not depend on Hibernate or on the current transaction (e.g.
     * {@code SYSCS_DIAG.TRANSACTION_TABLE} while another participant prepares). The caller closes it.
     */
    public Connection openDirectConnection() throws SQLException {
        requireOpen();
        return HarnessEnvironment.derbyDataSource(name, null).getConnection();
    }

    public String name() {
        return name;
    }

    /** Where Narayana's object store was when this harness started (see the class comment). */
    public Path objectStoreDir() {
        return objectStoreDir;
    }

    /**
     * Rolls back a transaction left on the calling thread, closes the EntityManagerFactory and the
     * pool, and drops the in-memory database in the background (Derby sleeps 500 ms in every drop;
     * a later harness of the same name waits for it). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            abandonLeftoverTransaction();
        } finally {
            try {
                entityManagerFactory.close();
            } finally {
                try {
                    dataSource.close();
                } finally {
                    HarnessEnvironment.dropDatabaseInBackground(name);
                    HarnessEnvironment.release(name);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JtaHarness[" + name + (closed.get() ? ", closed]" : "]");
    }

    // ---- transactions ------------------------------------------------------------------------

    private void begin() {
        try {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                throw new IllegalStateException("JTA harness '" + name + "': the calling thread is already in "
                        + transactionManager.getTransaction() + "; harness transactions do not nest");
            }
            transactionManager.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("JTA harness '" + name + "': cannot begin a transaction", e);
        }
    }

    private void complete() {
        try {
            if (transactionManager.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                transactionManager.rollback();
            } else {
                transactionManager.commit();
            }
        } catch (RollbackException | HeuristicMixedException | HeuristicRollbackException | SystemException e) {
            throw new CommitFailedException(name, e);
        } finally {
            leaveTransaction(null);
        }
    }

    private void rollbackAfter(Throwable failure) {
        try {
            transactionManager.rollback();
        } catch (SystemException | RuntimeException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        } finally {
            leaveTransaction(failure);
        }
    }

    /** Narayana leaves the transaction on commit and rollback; this guards against a failed one. */
    private void leaveTransaction(Throwable pending) {
        try {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactionManager.suspend();
            }
        } catch (SystemException e) {
            if (pending != null) {
                pending.addSuppressed(e);
            } else {
                throw new IllegalStateException("JTA harness '" + name + "': cannot leave the transaction", e);
            }
        }
    }

    /** A test that left a transaction on this thread would poison the next one: roll it back. */
    private void abandonLeftoverTransaction() {
        try {
            if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactionManager.rollback();
            }
        } catch (SystemException e) {
            throw new IllegalStateException("JTA harness '" + name + "': cannot roll back the leftover transaction", e);
        } finally {
            leaveTransaction(null);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("JTA harness '" + name + "' is closed");
        }
    }

    /** Closes the transaction-scoped EntityManager once its transaction has completed, as a container does. */
    private static final class CloseAtCompletion implements Synchronization {
        private final EntityManager entityManager;

        CloseAtCompletion(EntityManager entityManager) {
            this.entityManager = entityManager;
        }

        @Override
        public void beforeCompletion() {
            // Hibernate flushes in its own synchronization.
        }

        @Override
        public void afterCompletion(int status) {
            if (entityManager.isOpen()) {
                entityManager.close();
            }
        }
    }

    private static void setField(Object bean, Field field, Object value) {
        try {
            field.setAccessible(true);
            field.set(bean, value);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot inject " + field, e);
        }
    }

    /**
     * The container's transaction-scoped persistence context: a stable reference that resolves to
     * the current transaction's EntityManager on every call.
     */
    private static final class TransactionScopedEntityManager implements InvocationHandler {
        private final JtaHarness harness;

        TransactionScopedEntityManager(JtaHarness harness) {
            this.harness = harness;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "transaction-scoped EntityManager of JTA harness '" + harness.name + "'";
                case "isOpen":
                    return !harness.closed.get();
                case "close":
                    throw new IllegalStateException("a container-managed EntityManager cannot be closed");
                default:
                    try {
                        return method.invoke(harness.currentEntityManager(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    /** Identity-equal, so no other harness (even of the same name) can see this harness's EntityManager. */
    private static final class EntityManagerKey {
        private final String harnessName;

        EntityManagerKey(String harnessName) {
            this.harnessName = harnessName;
        }

        @Override
        public String toString() {
            return "EntityManager of JTA harness '" + harnessName + "'";
        }
    }

    /** Stands in for a JSON-B implementation that the test class path does not have. */
    private static final class NoJsonFormatMapper implements FormatMapper {
        @Override
        public <T> T fromString(CharSequence json, JavaType<T> javaType, WrapperOptions options) {
            throw unsupported(javaType);
        }

        @Override
        public <T> String toString(T value, JavaType<T> javaType, WrapperOptions options) {
            throw unsupported(javaType);
        }

        private static UnsupportedOperationException unsupported(JavaType<?> javaType) {
            return new UnsupportedOperationException("JSON mapping of " + javaType.getTypeName()
                    + " needs a JSON-B implementation (e.g. Yasson) on the test class path");
        }
    }

    // ---- bootstrap ---------------------------------------------------------------------------

    private static AgroalDataSource openPool(String name, TransactionManager tm, TransactionSynchronizationRegistry tsr) {
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .transactionIntegration(new NarayanaTransactionIntegration(tm, tsr, "java:/ems/test/" + name))
                        // Schema generation and direct checks run outside transactions.
                        .transactionRequirement(TransactionRequirement.OFF)
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(POOL_MAX_SIZE)
                        .acquisitionTimeout(POOL_ACQUISITION_TIMEOUT)
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(EmbeddedXADataSource.class)
                                .autoCommit(true)
                                .xaProperty("databaseName", "memory:" + name)
                                .xaProperty("createDatabase", "create")));
        try {
            return AgroalDataSource.from(configuration);
        } catch (SQLException e) {
            throw new IllegalStateException("JTA harness '" + name + "': cannot open the Agroal pool", e);
        }
    }

    private static EntityManagerFactory bootstrapHibernate(String name, DataSource jtaDataSource,
            List<Class<?>> entities, NarayanaJtaPlatform platform) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JTA_PLATFORM, platform);
        // Fresh database per harness: create is enough, and drop would only log failed DROPs.
        settings.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "create");
        settings.put(AvailableSettings.HBM2DDL_HALT_ON_ERROR, true);
        // Hibernate's JTA default, stated: Agroal hands the same enlisted connection back within a transaction.
        settings.put(AvailableSettings.CONNECTION_HANDLING,
                PhysicalConnectionHandlingMode.DELAYED_ACQUISITION_AND_RELEASE_AFTER_STATEMENT);
        settings.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, false);
        settings.put(AvailableSettings.SHOW_SQL, false);
        // The JSON-B API is on the test class path (jakartaee-api) without an implementation, so
        // Hibernate's default JSON mapper would fail the bootstrap: say plainly that there is none.
        settings.put(AvailableSettings.JSON_FORMAT_MAPPER, new NoJsonFormatMapper());
        HarnessPersistenceUnit unit = new HarnessPersistenceUnit(name, jtaDataSource, entities);
        return new HibernatePersistenceProvider().createContainerEntityManagerFactory(unit, settings);
    }
}
