package org.ems.testing.jta;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.LogManager;
import java.util.stream.Stream;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * What all harnesses in one JVM share: Narayana's configuration and object store (one
 * transaction manager per JVM), the names in use, the in-memory Derby databases' life cycle, and
 * the logging levels.
 *
 * <p>Invariants: Narayana is configured before its first transaction; the object store moves only
 * while no harness is open; a name is open at most once; a database is never reused before its
 * previous drop has finished.
 */
final class HarnessEnvironment {

    /** Narayana writes this into every Xid; 28 bytes at most. */
    private static final String NODE_IDENTIFIER = "ems-jta-harness";
    /** A transaction that runs longer than this is a stuck test: the reaper rolls it back. */
    private static final int DEFAULT_TRANSACTION_TIMEOUT_S = 60;
    private static final String LOGGING_RESOURCE = "jta-harness-logging.properties";
    /** Derby's SQLStates: database dropped / shut down, and database not found. */
    private static final String DERBY_DATABASE_SHUT_DOWN = "08006";
    private static final String DERBY_DATABASE_NOT_FOUND = "XJ004";
    /**
     * Derby's drop takes 500 ms; a drop is queued behind the drops of the harnesses closed before it
     * (a class of quick tests closes one per test), so only far longer means something is stuck.
     */
    private static final Duration DROP_WAIT = Duration.ofSeconds(60);
    /** Drops of different databases run side by side: each mostly sleeps in Derby's 500 ms. */
    private static final int DROP_THREADS = 4;
    private static final System.Logger LOG = System.getLogger(HarnessEnvironment.class.getName());

    /** Drops databases of closed harnesses; daemons, so they never hold the JVM up. */
    private static final ExecutorService DROPPER = Executors.newFixedThreadPool(DROP_THREADS, task -> {
        Thread thread = new Thread(task, "jta-harness-derby-drop");
        thread.setDaemon(true);
        return thread;
    });
    /** Drops not yet finished (or failed), by harness name. */
    private static final Map<String, CompletableFuture<Void>> PENDING_DROPS = new ConcurrentHashMap<>();

    private static final Object LOCK = new Object();
    /** Names of open harnesses; guarded by LOCK. */
    private static final Set<String> OPEN_NAMES = new HashSet<>();
    /** Guarded by LOCK. */
    private static boolean configured;
    /** Guarded by LOCK. */
    private static Path currentObjectStoreDir;

    private HarnessEnvironment() {
    }

    /**
     * Claims {@code name} for a new harness, configuring the JVM on first use, and returns the
     * object store directory that harness will log to.
     */
    static Path reserve(String name) {
        synchronized (LOCK) {
            configureOnce();
            if (!OPEN_NAMES.add(name)) {
                throw new IllegalStateException("a JTA harness named '" + name + "' is already open");
            }
            if (OPEN_NAMES.size() == 1) {
                pointObjectStoreAt(buildDirectory().resolve("narayana-" + name));
            }
            return currentObjectStoreDir;
        }
    }

    static void release(String name) {
        synchronized (LOCK) {
            OPEN_NAMES.remove(name);
        }
    }

    static EmbeddedDataSource derbyDataSource(String name, String connectionAttributes) {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:" + name);
        if (connectionAttributes != null) {
            derby.setConnectionAttributes(connectionAttributes);
        }
        return derby;
    }

    /**
     * Makes sure {@code memory:<name>} does not exist: waits for a drop still running for a
     * closed harness of that name, then drops whatever a harness that was never closed left.
     */
    static void dropDatabaseBeforeUse(String name) {
        CompletableFuture<Void> pending = PENDING_DROPS.get(name);
        if (pending != null) {
            try {
                pending.get(DROP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("JTA harness '" + name + "': interrupted waiting for the previous drop", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("JTA harness '" + name + "': the previous database of this name was not dropped", e);
            }
        }
        dropDatabase(name);
    }

    /** Derby sleeps 500 ms in every drop: closing a harness should not wait for that. */
    static void dropDatabaseInBackground(String name) {
        CompletableFuture<Void> drop = CompletableFuture.runAsync(() -> dropDatabase(name), DROPPER);
        PENDING_DROPS.put(name, drop);
        drop.whenComplete((ignored, failure) -> {
            if (failure == null) {
                PENDING_DROPS.remove(name, drop);
            } else {
                // Kept in PENDING_DROPS: the next harness of this name fails with it.
                LOG.log(System.Logger.Level.WARNING, "JTA harness '" + name + "': background drop failed", failure);
            }
        });
    }

    /** Derby reports a successful drop as an exception with SQLState 08006. */
    private static void dropDatabase(String name) {
        try {
            derbyDataSource(name, "drop=true").getConnection().close();
            throw new IllegalStateException("Derby did not drop memory:" + name);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (!DERBY_DATABASE_SHUT_DOWN.equals(state) && !DERBY_DATABASE_NOT_FOUND.equals(state)) {
                throw new IllegalStateException("JTA harness '" + name + "': cannot drop memory:" + name, e);
            }
        }
    }

    /** Must run before Narayana's TxControl reads its configuration, i.e. before the first transaction. */
    private static void configureOnce() {
        if (configured) {
            return;
        }
        quietLogging();
        // Derby's log next to the build output, not in whatever directory the IDE started in.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", buildDirectory().resolve("derby.log").toString());
        }
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(NODE_IDENTIFIER);
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalStateException("Narayana refused node identifier " + NODE_IDENTIFIER, e);
        }
        CoordinatorEnvironmentBean coordinator = arjPropertyManager.getCoordinatorEnvironmentBean();
        // The status manager listens on a socket for a recovery manager that the harness does not run.
        coordinator.setTransactionStatusManagerEnable(false);
        coordinator.setDefaultTimeout(DEFAULT_TRANSACTION_TIMEOUT_S);
        configured = true;
    }

    /**
     * Narayana's stores are created lazily from these beans; shutting the StoreManager down makes
     * the next transaction that logs (any two-phase commit) open them in {@code dir}.
     */
    private static void pointObjectStoreAt(Path dir) {
        deleteRecursively(dir);
        String path = dir.toAbsolutePath().toString();
        for (String store : new String[] {null, "communicationStore", "stateStore"}) {
            ObjectStoreEnvironmentBean bean = store == null
                    ? BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class)
                    : BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store);
            bean.setObjectStoreDir(path);
        }
        StoreManager.shutdown();
        currentObjectStoreDir = dir;
    }

    /** Surefire runs in {@code target/} (see the module pom); an IDE usually in the module directory. */
    private static Path buildDirectory() {
        Path cwd = Paths.get("").toAbsolutePath();
        Path last = cwd.getFileName();
        return last != null && last.toString().equals("target") ? cwd : cwd.resolve("target");
    }

    /**
     * Hibernate, Narayana and Agroal log through java.util.logging here; keep tests readable.
     * Skipped when the run names its own logging configuration.
     */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        try (InputStream in = HarnessEnvironment.class.getResourceAsStream(LOGGING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + LOGGING_RESOURCE + " next to " + HarnessEnvironment.class);
            }
            // Merge: keep every level not named in the resource.
            LogManager.getLogManager().updateConfiguration(in, key -> (oldValue, newValue) -> newValue == null ? oldValue : newValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }
}
