package org.ems.testing.jta;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A second XA participant for harness transactions: the in-process stand-in for "the JMS
 * session" in "database + JMS in one XA transaction". It records every call the transaction
 * manager makes, votes {@code XA_OK} at prepare (never read-only, so two-phase commit really
 * happens), and can be told to fail the <em>next</em> prepare or commit with a chosen XA error
 * code. Failures are one-shot so that a later recovery pass can complete the branch.
 *
 * <p>Each instance is its own resource manager ({@link #isSameRM} is identity), so the
 * transaction manager never joins it with Derby's branch. Not serializable on purpose: Narayana
 * logs only its Xid, as it would for a real JMS resource without a recovery helper.
 *
 * <p>Thread-safe: the transaction manager may call it from its reaper thread.
 */
public final class TestXAResource implements XAResource {

    /** The XA calls this resource records, in the order they arrive. */
    public enum Call { START, END, PREPARE, COMMIT, COMMIT_ONE_PHASE, ROLLBACK, FORGET }

    private static final int NO_FAILURE = 0;

    private final String name;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Branches prepared and not yet committed, rolled back or forgotten: what recover() reports. */
    private final Map<String, Xid> inDoubt = new ConcurrentHashMap<>();
    private final AtomicInteger nextPrepareFailure = new AtomicInteger(NO_FAILURE);
    private final AtomicInteger nextCommitFailure = new AtomicInteger(NO_FAILURE);
    private final AtomicReference<Runnable> beforePrepare = new AtomicReference<>(() -> { });
    private volatile int transactionTimeoutS;

    public TestXAResource(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The next prepare throws {@code XAException(xaErrorCode)}: use a rollback code such as
     * {@link XAException#XA_RBROLLBACK} for a "no" vote, which makes the whole transaction
     * roll back.
     */
    public TestXAResource failNextPrepare(int xaErrorCode) {
        requireFailureCode(xaErrorCode);
        nextPrepareFailure.set(xaErrorCode);
        return this;
    }

    /**
     * The next commit (two-phase or one-phase) throws {@code XAException(xaErrorCode)}: e.g.
     * {@link XAException#XA_HEURRB} for a resource that rolled back on its own after voting yes
     * (the caller sees a heuristic outcome), or {@link XAException#XAER_RMFAIL} for a resource
     * lost during phase two (the branch stays in doubt for recovery).
     */
    public TestXAResource failNextCommit(int xaErrorCode) {
        requireFailureCode(xaErrorCode);
        nextCommitFailure.set(xaErrorCode);
        return this;
    }

    /**
     * Runs {@code hook} at the start of every prepare, on the transaction manager's thread, before
     * this resource votes: the moment to look at the other participants' prepared state.
     */
    public TestXAResource beforePrepare(Runnable hook) {
        beforePrepare.set(Objects.requireNonNull(hook, "hook"));
        return this;
    }

    /** Every call so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public boolean wasPrepared() {
        return calls.contains(Call.PREPARE);
    }

    public boolean wasCommitted() {
        return calls.contains(Call.COMMIT) || calls.contains(Call.COMMIT_ONE_PHASE);
    }

    public boolean wasRolledBack() {
        return calls.contains(Call.ROLLBACK);
    }

    public String name() {
        return name;
    }

    @Override
    public void start(Xid xid, int flags) {
        calls.add(Call.START);
    }

    @Override
    public void end(Xid xid, int flags) {
        calls.add(Call.END);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        calls.add(Call.PREPARE);
        beforePrepare.get().run();
        int failure = nextPrepareFailure.getAndSet(NO_FAILURE);
        if (failure != NO_FAILURE) {
            throw new XAException(failure);
        }
        inDoubt.put(key(xid), xid);
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        calls.add(onePhase ? Call.COMMIT_ONE_PHASE : Call.COMMIT);
        int failure = nextCommitFailure.getAndSet(NO_FAILURE);
        if (failure != NO_FAILURE) {
            if (isHeuristic(failure)) {
                // A heuristic decision is remembered until forget(), like a real resource manager.
                inDoubt.putIfAbsent(key(xid), xid);
            }
            throw new XAException(failure);
        }
        inDoubt.remove(key(xid));
    }

    @Override
    public void rollback(Xid xid) {
        calls.add(Call.ROLLBACK);
        inDoubt.remove(key(xid));
    }

    @Override
    public void forget(Xid xid) {
        calls.add(Call.FORGET);
        inDoubt.remove(key(xid));
    }

    @Override
    public Xid[] recover(int flag) {
        return inDoubt.values().toArray(new Xid[0]);
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return transactionTimeoutS;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        transactionTimeoutS = seconds;
        return true;
    }

    @Override
    public String toString() {
        return "TestXAResource[" + name + ", calls=" + calls + "]";
    }

    private static boolean isHeuristic(int xaErrorCode) {
        return xaErrorCode == XAException.XA_HEURRB || xaErrorCode == XAException.XA_HEURCOM
                || xaErrorCode == XAException.XA_HEURMIX || xaErrorCode == XAException.XA_HEURHAZ;
    }

    private static void requireFailureCode(int xaErrorCode) {
        if (xaErrorCode == XAResource.XA_OK) {
            throw new IllegalArgumentException("XA_OK (0) is not a failure code");
        }
    }

    /** Xid implementations need not implement equals; compare branches by value. */
    private static String key(Xid xid) {
        HexFormat hex = HexFormat.of();
        return xid.getFormatId() + ":" + hex.formatHex(xid.getGlobalTransactionId())
                + ":" + hex.formatHex(xid.getBranchQualifier());
    }
}
