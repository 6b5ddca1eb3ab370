package org.ems.network.domain;

/**
 * What a step did with its input. Only ACCEPTED changes the state or sends anything: the
 * application may skip storing and sending for the others (the returned state equals the
 * input state), and should log REJECTED with the transition's note.
 */
public enum Disposition {
    /** The input moved the protocol on (possibly to its end). */
    ACCEPTED,
    /** An exact copy of an input already processed (a redelivery): ignored, nothing changes twice. */
    DUPLICATE,
    /** Input that is late, unexpected in this state, for another conversation, or not authentic: ignored. */
    REJECTED
}
