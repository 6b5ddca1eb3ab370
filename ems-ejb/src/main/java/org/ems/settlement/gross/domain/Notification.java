package org.ems.settlement.gross.domain;

/** What a CSA tells its counterparty about an instruction (steps 3142, 3146). */
public enum Notification {
    SUCCESS,
    FAILED
}
