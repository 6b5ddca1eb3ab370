package org.ems.bank.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** A built-in bank's PIN key, sealed at rest under the server's master key. */
@Entity
@Table(name = "BANK_PIN_KEY")
public class BankPinKey {

    @Id
    @Column(length = 8)
    private String bankCode;

    @Lob
    @Column(nullable = false)
    private byte[] sealedKey;

    protected BankPinKey() {
        // for JPA
    }

    BankPinKey(String bankCode, byte[] sealedKey) {
        this.bankCode = bankCode;
        this.sealedKey = sealedKey.clone();
    }

    String bankCode() {
        return bankCode;
    }

    byte[] sealedKey() {
        return sealedKey.clone();
    }

    @Override
    public String toString() {
        return "BankPinKey[" + bankCode + ", sealed]";
    }
}
