package org.ems.testing.jta;

/**
 * The transaction manager did not commit a harness transaction as asked. The cause is the JTA
 * exception that says why: {@link jakarta.transaction.RollbackException} (a participant voted
 * no or a before-completion flush failed: nothing committed),
 * {@link jakarta.transaction.HeuristicMixedException} /
 * {@link jakarta.transaction.HeuristicRollbackException} (a participant decided on its own after
 * prepare), or {@link jakarta.transaction.SystemException}.
 */
public final class CommitFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommitFailedException(String harnessName, Exception cause) {
        super("JTA harness '" + harnessName + "': commit failed: " + cause, cause);
    }
}
