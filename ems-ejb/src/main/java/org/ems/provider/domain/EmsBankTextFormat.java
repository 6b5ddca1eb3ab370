package org.ems.provider.domain;

import org.ems.bank.domain.BankReply;
import org.ems.bank.domain.BankRequest;

/** The EMS-BANK/1 canonical text of docs/bank-gateway.md, as the bank host itself reads it. */
public final class EmsBankTextFormat implements PosMessageFormat {

    @Override
    public byte[] encodeRequest(BankRequest request) {
        return request.encode();
    }

    @Override
    public BankRequest decodeRequest(byte[] message) {
        return BankRequest.decode(message);
    }

    @Override
    public byte[] encodeReply(BankReply reply) {
        return reply.encode();
    }

    @Override
    public BankReply decodeReply(byte[] message) {
        return BankReply.decode(message);
    }
}
