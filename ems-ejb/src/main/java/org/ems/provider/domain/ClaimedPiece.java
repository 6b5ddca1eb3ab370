package org.ems.provider.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;
import org.ems.money.domain.Note;

/** One note a merchant presented for settlement, as the host keeps it (the note with its whole history). */
@Embeddable
public class ClaimedPiece {

    @Column(name = "PIECE_ID", nullable = false, length = EmoneyPiece.MAX_ID_LENGTH)
    private String pieceId;

    @Column(name = "AMOUNT_MINOR", nullable = false)
    private long amountMinor;

    @Lob
    @Column(name = "NOTE", nullable = false)
    private byte[] note;

    protected ClaimedPiece() {
        // for JPA
    }

    /** As presented: id and amount are the terminal's word until {@link #verifiable()} decodes the note. */
    ClaimedPiece(EmoneyPiece piece) {
        this.pieceId = piece.pieceId();
        this.amountMinor = piece.amount().minor();
        this.note = piece.encoded();
    }

    /** The note decoded, with id and amount taken from it (not from what the terminal said). */
    EmoneyPiece verifiable() {
        return new EmoneyPiece(Note.decode(note));
    }

    String pieceId() {
        return pieceId;
    }
}
