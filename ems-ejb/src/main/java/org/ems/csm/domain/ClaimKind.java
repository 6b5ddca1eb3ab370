package org.ems.csm.domain;

import org.ems.crypto.StableCode;

/** Why money was lost, as the CSR records it (figure 22, step 2060). Codes are stable (they are signed). */
public enum ClaimKind implements StableCode {
    /** The commit failed; the module still works and claims its failed-commit records in a session with the CSM. */
    FAILED_COMMIT(1),
    /** The module is lost, stolen or damaged; the subscriber's host submits a stored claim file. */
    LOST_MODULE(2);

    private final int code;

    ClaimKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    static ClaimKind ofCode(int code) {
        return StableCode.ofCode(ClaimKind.class, code, "claim kind");
    }
}
