package org.ems.jms.platform;

/** Property names that every EMS message carries. */
public final class MessageContract {

    /** What the message is, e.g. {@code security.badIdList}; consumers refuse other types. */
    public static final String TYPE = "ems_type";
    /** A version or sequence number, for idempotent consumers and for operators. */
    public static final String VERSION = "ems_version";
    /** Why a message was dead-lettered. */
    public static final String REJECTION_REASON = "ems_rejectionReason";
    /** The queue a dead-lettered message came from. */
    public static final String ORIGIN = "ems_origin";
    /** Largest body accepted (TIGER_STYLE: a limit on everything). */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private MessageContract() {
    }
}
