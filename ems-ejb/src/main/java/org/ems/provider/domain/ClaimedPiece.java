package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;
import org.ems.bank.domain.LedgerAmount;

/** One piece of e-money a merchant presented for settlement, as the host keeps it. */
@Embeddable
public class ClaimedPiece {

    @Column(name = "PIECE_ID", nullable = false, length = 36)
    private String pieceId;

    @Column(name = "SERIAL", nullable = false, length = 36)
    private String serial;

    @Column(name = "ISSUED_MINOR", nullable = false)
    private long issuedMinor;

    @Column(name = "AUTHENTICATOR", nullable = false, length = Hmac.TAG_BYTES)
    private byte[] authenticator;

    @Column(name = "AMOUNT_MINOR", nullable = false)
    private long amountMinor;

    protected ClaimedPiece() {
        // for JPA
    }

    ClaimedPiece(EmoneyPiece piece) {
        this.pieceId = piece.pieceId().toString();
        this.serial = piece.issue().serial().toString();
        this.issuedMinor = piece.issue().amount().minor();
        this.authenticator = piece.issue().authenticator();
        this.amountMinor = piece.amount().minor();
    }

    EmoneyPiece piece(String currency) {
        return new EmoneyPiece(UUID.fromString(pieceId), new EmoneyIssue(UUID.fromString(serial), LedgerAmount.of(issuedMinor, currency), authenticator),
                LedgerAmount.of(amountMinor, currency));
    }
}
