package org.ems.bank.application;

import org.ems.bank.domain.BankReply;

/** A CDI event, fired in the transaction that records a new bank reply: requesters react to it there. */
public record BankReplyRecorded(BankReply reply) {
}
