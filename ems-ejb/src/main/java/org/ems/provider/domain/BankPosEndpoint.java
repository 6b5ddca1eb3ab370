package org.ems.provider.domain;

import org.ems.bank.domain.BankRequest;

/** Where the relay centre hands a bank-POS request for one bank host (in the server: the bank gateway). */
@FunctionalInterface
public interface BankPosEndpoint {

    void deliver(BankRequest request);
}
