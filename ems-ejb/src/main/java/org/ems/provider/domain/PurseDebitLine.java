package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One piece taken from a card by one debit: remembered so a repeated debit returns the same pieces. */
@Embeddable
public class PurseDebitLine {

    @Column(name = "DEBIT_KEY", nullable = false, length = 64)
    private String debitKey;

    @Column(name = "PIECE_ID", nullable = false, length = 36)
    private String pieceId;

    @Column(name = "SERIAL", nullable = false, length = 36)
    private String serial;

    @Column(name = "AMOUNT_MINOR", nullable = false)
    private long amountMinor;

    protected PurseDebitLine() {
        // for JPA
    }

    PurseDebitLine(String debitKey, java.util.UUID pieceId, String serial, long amountMinor) {
        this.debitKey = debitKey;
        this.pieceId = pieceId.toString();
        this.serial = serial;
        this.amountMinor = amountMinor;
    }

    String debitKey() {
        return debitKey;
    }

    java.util.UUID pieceId() {
        return java.util.UUID.fromString(pieceId);
    }

    String serial() {
        return serial;
    }

    long amountMinor() {
        return amountMinor;
    }
}
