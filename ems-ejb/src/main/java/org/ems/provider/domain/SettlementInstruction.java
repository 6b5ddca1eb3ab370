package org.ems.provider.domain;

import java.util.Arrays;
import java.util.UUID;
import org.ems.bank.domain.AccountNumber;
import org.ems.bank.domain.BankRequest;
import org.ems.bank.domain.LedgerAmount;

/**
 * What the provider host returns after the callback authenticated a merchant terminal (figure 8):
 * the provider's account at the merchant's bank and the settlement total, plus the provider
 * account's PIN as a block sealed to that bank for exactly the request {@code correlationId}
 * (the patent's "PIN or security code"; the terminal never sees it in clear and cannot reuse it).
 */
public record SettlementInstruction(SettlementKey key, AccountNumber providerAccount, LedgerAmount total,
                                    UUID correlationId, byte[] pinBlock) {

    public SettlementInstruction {
        if (key == null || providerAccount == null || total == null || correlationId == null || !total.isPositive()) {
            throw new IllegalArgumentException("an instruction names key, account, a positive total and a correlation id");
        }
        if (pinBlock == null || pinBlock.length == 0 || pinBlock.length > BankRequest.MAX_PIN_BLOCK_BYTES) {
            throw new IllegalArgumentException("PIN block of 1-" + BankRequest.MAX_PIN_BLOCK_BYTES + " bytes");
        }
        pinBlock = pinBlock.clone();
    }

    @Override
    public byte[] pinBlock() {
        return pinBlock.clone();
    }

    /** The bank-POS transfer this instruction authorises, from the provider's account to {@code merchantAccount}. */
    public BankRequest transfer(AccountNumber merchantAccount, String merchantTerminalId) {
        return new BankRequest(correlationId, key.toString(), BankRequest.Kind.POS_TRANSFER, providerAccount, merchantAccount,
                total, merchantTerminalId, null, pinBlock);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettlementInstruction o && key.equals(o.key) && providerAccount.equals(o.providerAccount)
                && total.equals(o.total) && correlationId.equals(o.correlationId) && Arrays.equals(pinBlock, o.pinBlock);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** The PIN block is left out: it belongs in no log. */
    @Override
    public String toString() {
        return "SettlementInstruction[" + key + ", " + providerAccount + ", " + total + ", " + correlationId + "]";
    }
}
