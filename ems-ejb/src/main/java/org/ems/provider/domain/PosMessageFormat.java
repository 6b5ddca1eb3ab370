package org.ems.provider.domain;

import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;

/**
 * The wire format of bank-POS messages between terminals, the relay centre and bank hosts. Today
 * the documented EMS-BANK/1 text ({@link EmsBankTextFormat}); an ISO 8583 codec (jPOS) can take
 * its place without touching the relay or the terminals (see docs/provider.md).
 */
public interface PosMessageFormat {

    byte[] encodeRequest(BankRequest request);

    /** @throws IllegalArgumentException if {@code message} is not one canonical request */
    BankRequest decodeRequest(byte[] message);

    byte[] encodeReply(BankReply reply);

    /** @throws IllegalArgumentException if {@code message} is not one canonical reply */
    BankReply decodeReply(byte[] message);
}
