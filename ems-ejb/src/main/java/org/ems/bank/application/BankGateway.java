package org.ems.bank.application;

import org.ems.bank.domain.BankId;
import org.ems.bank.domain.BankRequest;

/**
 * Port: sends a request to a bank host. The reply arrives asynchronously, correlated by the
 * request's correlation id, and is kept by {@link BankReplies}. Sending joins the caller's
 * transaction: the request leaves exactly when the caller's work commits.
 */
public interface BankGateway {

    void send(BankId bank, BankRequest request);
}
