package org.ems.bank.domain;

/** An account takes postings only while OPEN; CLOSED is final. */
public enum AccountStatus {
    OPEN,
    CLOSED
}
