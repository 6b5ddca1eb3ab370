package org.ems.network.domain;

import org.ems.crypto.StableCode;
import org.ems.security.domain.ModuleRole;

/**
 * How a sign-on or a session ended for one party, with what "To Subscriber" (transaction money
 * modules) or "To Bank" (every other module) tells the people behind it. A security server
 * merely notes the outcome. Codes are stable: they are stored in party states and notices.
 */
public enum Outcome implements StableCode {
    SIGNED_ON(1, true, "You are connected to the EMS network.", "Module signed on to the EMS network."),
    SIGN_ON_APPROVED(2, true, "Sign-on approved.", "Security server ended its sign-on session normally and released K and V."),
    SIGNED_OFF(3, true, "You are disconnected from the EMS network.", "Module signed off."),
    SIGN_ON_DENIED_INVALID_CERTIFICATE(10, false,
            "Sign-on denied: this money module's certificate is not valid. Please contact your bank.",
            "Sign-on denied: the module's certificate is invalid."),
    SIGN_ON_DENIED_BAD_ID(11, false,
            "Sign-on denied: this money module is blocked. Please contact your bank.",
            "Sign-on denied: the module is on the bad-ID list."),
    SIGN_ON_DENIED_WRONG_VERIFICATION(12, false,
            "Sign-on denied: the network could not verify this money module. You may try again.",
            "Sign-on denied: the module returned a wrong verification number V."),
    SIGN_ON_DENIED_WRONG_SS_VERIFICATION(13, false,
            "Sign-on denied: the network could not verify this money module. You may try again.",
            "Sign-on denied: the module returned a wrong security-server verification message."),
    RECERTIFICATION_DENIED(14, false,
            "Sign-on denied: the new certificate could not be issued. Please contact your bank.",
            "Sign-on denied: the recertification request was not signed with the module's current key."),
    SIGN_ON_DENIED_FALSE_CERTIFICATE_REPORT(15, false,
            "Sign-on denied: this money module reported a fault the network could not confirm. Please contact your bank.",
            "Sign-on denied: the module reported a valid new certificate as invalid."),
    CERTIFICATE_MALFUNCTION(16, false,
            "The network could not renew this money module's certificate. Retry now?",
            "Certificate malfunction: the new certificate was invalid; retry sign-on?"),
    CLOCK_MALFUNCTION(17, false,
            "This money module's clock cannot be set. Retry now?",
            "Clock malfunction: the date and time did not synchronise within the allowed attempts; retry?"),
    SESSION_TERMINATED_INVALID_CERTIFICATE(20, false,
            "The other party's certificate is not valid; the transaction was stopped.",
            "Session terminated: the peer's certificate is invalid."),
    SESSION_TERMINATED_BAD_ID(21, false,
            "The other party is blocked; the transaction was stopped.",
            "Session terminated: the peer is on the bad-ID list."),
    SESSION_TERMINATED_BAD_SIGNATURE(22, false,
            "A message from the network could not be verified; the transaction was stopped.",
            "Session terminated: a signature did not verify."),
    SESSION_TERMINATED_VERIFICATION_FAILED(23, false,
            "The other party could not be verified; the transaction was stopped.",
            "Session terminated: a verification message was wrong."),
    SESSION_TERMINATED_TIME_OUT_OF_RANGE(24, false,
            "The other party's date and time differ too much; the transaction was stopped.",
            "Session terminated: the peers' date and time are out of range."),
    SESSION_ESTABLISHED(30, true, "Connected to the other party.", "Session established."),
    SESSION_ENDED(31, true, "The connection was closed.", "Session closed normally."),
    SESSION_ABORTED_BY_PEER(32, false, "The other party stopped the transaction.", "Session aborted by the peer."),
    SESSION_ENDED_TAMPERED(33, false,
            "The connection was interfered with and was closed.",
            "Session ended: a replayed, reordered, truncated or tampered message was refused."),
    TIMED_OUT(40, false, "The other party did not answer in time.", "Timed out waiting for the peer.");

    private final int code;
    private final boolean success;
    private final String toSubscriber;
    private final String toBank;

    Outcome(int code, boolean success, String toSubscriber, String toBank) {
        this.code = code;
        this.success = success;
        this.toSubscriber = toSubscriber;
        this.toBank = toBank;
    }

    public int code() {
        return code;
    }

    /** Whether the party got what it asked for (signed on, session established or closed normally). */
    public boolean isSuccess() {
        return success;
    }

    /** What "To Subscriber" says (transaction money modules). */
    public String toSubscriber() {
        return toSubscriber;
    }

    /** What "To Bank" says (teller, money generator, customer service modules), and what servers note. */
    public String toBank() {
        return toBank;
    }

    /** The patent's rule: a transaction module informs its subscriber, every other module its bank. */
    public String messageFor(ModuleRole role) {
        return role == ModuleRole.TRANSACTION ? toSubscriber : toBank;
    }

    public static Outcome ofCode(int code) {
        return StableCode.ofCode(Outcome.class, code, "outcome code");
    }
}
