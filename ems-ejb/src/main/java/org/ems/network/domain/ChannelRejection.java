package org.ems.network.domain;

import org.ems.crypto.StableCode;

/** Why a secure channel refused a frame; any of these closes the channel for good. */
public enum ChannelRejection implements StableCode {
    /** A sequence number already received: a replay (an exact redelivery is caught earlier, by {@link ProcessedMessages}). */
    REPLAYED(1),
    /** A sequence number beyond the next expected: a frame was skipped, or frames were reordered. */
    OUT_OF_ORDER(2),
    /** Shorter than its header says, or than a GCM tag. */
    TRUNCATED(3),
    /** Failed authentication: altered in transit, or not sealed with this channel's key. */
    TAMPERED(4),
    /** Authentic framing but a purpose the protocol does not expect at this step. */
    WRONG_PURPOSE(5),
    /** Not a frame at all (wrong container, unknown purpose, trailing bytes). */
    MALFORMED(6),
    /** The channel was already closed. */
    CLOSED(7);

    private final int code;

    ChannelRejection(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ChannelRejection ofCode(int code) {
        return StableCode.ofCode(ChannelRejection.class, code, "channel rejection");
    }
}
